import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { Checkbox, ErrorSummary } from "~/components/field";
import { EmptyState, PageHeader } from "~/components/ui";
import { alwaysSentFor } from "~/domain/mail";
import { NoticeChoicesSchema } from "~/domain/mail-forms";
import { formState } from "~/lib/forms";
import { change, redirectWithFlash } from "~/lib/route.server";
import { noticeChoices, setNoticeChoices } from "~/models/mail-preferences.server";
import { noticesForRequest } from "~/models/notices.server";
import { requireUser } from "~/services/session.server";
import { SubmitButton } from "~/components/submit-button";

export const meta: MetaFunction = () => [{ title: "Notices · Partnership Planner" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  return { notices: noticesForRequest(request, user), choices: noticeChoices(user), always: alwaysSentFor(user) };
}

/** Each user turns their own notices by mail on or off; the form names no user, so it reaches no one else's. */
export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  return change(await request.formData(), NoticeChoicesSchema, (on) => {
    setNoticeChoices(user, on);
    return redirectWithFlash(request, "/notices", "Your choice of notices by mail is saved.");
  });
}

export default function Notices() {
  const { notices, choices, always } = useLoaderData<typeof loader>();
  const form = formState(useActionData<typeof action>());
  const navigation = useNavigation();
  return (
    <>
      <PageHeader title="Notices" intro="What waits for you." />
      {notices.length === 0 ? (
        <EmptyState title="Nothing waits for you">
          Shared proposals, requests for changes, approvals that need you and engagements a roster change leaves short appear here.
        </EmptyState>
      ) : (
        <ul className="card link-list" data-notices>
          {notices.map((n) => (
            <li key={n.href + n.text}>
              <Link to={n.href}>{n.text}</Link>
            </li>
          ))}
        </ul>
      )}
      <section className="card" aria-labelledby="mail-notices">
        <h2 id="mail-notices">Notices by mail</h2>
        {choices.length === 0 ? (
          <p>No notices are sent to your role by mail; invitations and password resets always are.</p>
        ) : (
          <>
            <p>We send you an email when:</p>
            <ErrorSummary errors={form.errors} labels={Object.fromEntries(choices.map((c) => [c.kind, c.label]))} />
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="mail-notices" />
              {choices.map((c) => (
                <Checkbox key={c.kind} name={c.kind} label={c.label} saved={c.on} state={form} />
              ))}
              <div className="actions">
                <SubmitButton className="button" busy={navigation.state === "submitting"}>
                  Save notices by mail
                </SubmitButton>
              </div>
            </Form>
            {always.length ? (
              <>
                <p>We always send you an email, whatever you choose above, when:</p>
                <ul data-always-sent>
                  {always.map((label) => (
                    <li key={label}>{label}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        )}
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
