import type { FormState } from "~/lib/forms";
import { SelectField, TextField } from "./field";

export type OpenCollaborativeSaved = { topic: string; title: string; host: string; sessionDates: string[]; placesLeft: number };

/** The fields of an open collaborative, shared by the add and edit pages. */
export function OpenCollaborativeFields({
  topics,
  state,
  saved,
}: {
  topics: { value: string; label: string }[];
  state: FormState;
  saved?: OpenCollaborativeSaved;
}) {
  return (
    <>
      <SelectField
        name="topic"
        label="Topic"
        hint="From the topic templates: a small request on this topic is offered this collaborative."
        placeholder="Choose a topic…"
        options={topics}
        state={state}
        saved={saved?.topic}
      />
      <TextField name="title" label="Title" state={state} saved={saved?.title} />
      <TextField name="host" label="Host" hint="Who runs it: us, or the partner organisation that hosts it." state={state} saved={saved?.host} />
      <div className="row-grid">
        <TextField name="session1" label="Next learning session" type="date" state={state} saved={saved?.sessionDates[0]} />
        <TextField name="session2" label="The learning session after" type="date" hint="Optional." state={state} saved={saved?.sessionDates[1]} />
        <TextField name="session3" label="A third learning session" type="date" hint="Optional." state={state} saved={saved?.sessionDates[2]} />
      </div>
      <TextField
        name="placesLeft"
        label="Places left"
        hint="Teams it can still take; 0 when full."
        inputMode="numeric"
        state={state}
        saved={saved?.placesLeft}
      />
    </>
  );
}

export const OPEN_COLLABORATIVE_LABELS = {
  topic: "Topic",
  title: "Title",
  host: "Host",
  session1: "Next learning session",
  session2: "The learning session after",
  session3: "A third learning session",
  placesLeft: "Places left",
};
