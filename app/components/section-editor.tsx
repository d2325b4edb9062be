import { Form, useNavigation } from "@remix-run/react";
import { formatDate } from "~/domain/calendar";
import { listOf } from "~/domain/plural";
import { TEXT_LIMITS } from "~/domain/limits";
import type { ProposalSection } from "~/domain/proposal-content";
import type { FormReply } from "~/lib/forms";
import { formState } from "~/lib/forms";
import { ErrorSummary, FormBasics, FormMessage, TextArea } from "./field";
import { RichParts } from "./proposal-document";
import { KeepTyped } from "./kept-typing";
import { Notice } from "./ui";
import { SubmitButton } from "~/components/submit-button";

const HINT =
  "Paragraphs are separated by an empty line; a list takes a line each starting with “- ” or “1. ”; **bold**, *italic* and [words](https://…) for a link. Nothing else is formatted.";

/** Figures as a sentence lists them, each in quotation marks. */
function quotedList(figures: string[]): string {
  return listOf(figures.map((f) => `“${f}”`));
}

/**
 * Under a section of the live draft: its prose in the manager's own words (docs/domain.md §9.6). The
 * box holds the edit, or the generated text to start from. When the generated text has changed since
 * the edit, the new text stands beside it, to take or to leave. Works without JavaScript.
 */
export function SectionEditor({
  section,
  markdown,
  version,
  reply,
}: {
  section: ProposalSection;
  /** What the box starts with: the edit, or the generated text. */
  markdown: string;
  version: number;
  reply: FormReply | null | undefined;
}) {
  const key = `section-${section.key}`;
  const state = formState(reply, key);
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("form") === key;
  const edit = section.edit;
  const { "": _formError, ...fieldErrors } = state.errors;
  const hidden = (intent: string) => (
    <>
      <FormBasics form={key} intent={intent} version={version} />
      <input type="hidden" name="section" value={section.key} />
    </>
  );
  return (
    <div className="section-editor no-print" data-section-editor={section.key}>
      {edit ? (
        <p className="small muted" data-edited-by>
          Edited by {edit.by} on {formatDate(edit.at)}: the generated text no longer replaces these words.
        </p>
      ) : null}
      {edit?.newer ? (
        <Notice>
          <strong>The engagement has changed since this section was edited.</strong> The generated text now reads:
          <div className="section-editor__newer" data-newer-text>
            <RichParts parts={edit.newer} />
          </div>
          {edit.stillGives ? (
            <p data-still-gives>
              <strong>Your words still give {quotedList(edit.stillGives.stale)}</strong>, which the engagement no longer gives
              {edit.stillGives.now.length ? <>: the text above gives {quotedList(edit.stillGives.now)}</> : null}. Change{" "}
              {edit.stillGives.stale.length === 1 ? "it" : "them"} under “Change the words” below before you keep your edit.
            </p>
          ) : null}
          <div className="actions">
            <Form method="post" preventScrollReset>
              {hidden("take-generated")}
              <SubmitButton className="button button--secondary" busy={busy}>
                Take the new text
              </SubmitButton>
            </Form>
            <Form method="post" preventScrollReset>
              {hidden("keep-edit")}
              <SubmitButton className="button button--secondary" busy={busy}>
                Keep my edit
              </SubmitButton>
            </Form>
          </div>
        </Notice>
      ) : null}
      <details open={Object.keys(state.errors).length > 0 || undefined}>
        <summary>{edit ? `Change the words of “${section.title}”` : `Edit the words of “${section.title}”`}</summary>
        <ErrorSummary errors={fieldErrors} labels={{ markdown: "Text" }} level={3} form={key} />
        <Form method="post" noValidate preventScrollReset>
          {hidden("edit-section")}
          <KeepTyped name={key} />
          <FormMessage form={key} state={state} />
          <TextArea
            name="markdown"
            form={key}
            label={`Text of “${section.title}”`}
            hint={HINT}
            rows={10}
            state={state}
            saved={markdown}
            maxLength={TEXT_LIMITS.sectionWords}
          />
          <div className="actions">
            <SubmitButton className="button" busy={busy}>
              Save the words
            </SubmitButton>
          </div>
        </Form>
        {edit ? (
          <Form method="post" preventScrollReset>
            {hidden("take-generated")}
            <SubmitButton className="button button--secondary" busy={busy}>
              Go back to the generated text
            </SubmitButton>
          </Form>
        ) : null}
      </details>
    </div>
  );
}
