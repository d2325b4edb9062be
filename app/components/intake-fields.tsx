import { Link } from "@remix-run/react";
import { Checkbox, RadioGroup, SelectField, TextArea, TextField } from "~/components/field";
import { BELIEF_LEVELS, MAX_PRIORITIES, PRIORITY_TOPICS, type IntakeSectionKey } from "~/domain/intake";
import { ANSWER_LABELS, DURATION_HINT, FIELD_LABELS, inPartnerWords, PARTNER_FIELD_LABELS } from "~/domain/intake-labels";
import { TEXT_LIMITS } from "~/domain/limits";
import { ADD_PRIORITY } from "~/domain/intake-form";
import { sentValue, shown, type FormState } from "~/lib/forms";

/**
 * An intake section's fields, as the Intake page shows them and as the partner's executives fill in
 * the sections opened to them: the same fields, labels and limits in both.
 */

type Values = Record<string, string>;

function options<K extends keyof typeof ANSWER_LABELS>(field: K) {
  return Object.entries(ANSWER_LABELS[field]).map(([value, label]) => ({ value, label: label as string }));
}

/**
 * How many priority rows the needs form shows: the filled ones and two spare, at least three; when the
 * form comes back, no fewer than it was sent with, and one more after "Add another priority".
 */
export function priorityRows(state: FormState, saved: Values): number {
  const p = (i: number, f: string) => `priorities[${i}].${f}`;
  let last = -1;
  for (let i = 0; i < MAX_PRIORITIES; i++)
    if (shown(state, p(i, "topic"), saved[p(i, "topic")]) || shown(state, p(i, "custom"), saved[p(i, "custom")])) last = i;
  const sent = state.values ? sentValue(state.values, "priorities") : undefined;
  return Math.min(MAX_PRIORITIES, Math.max(3, last + 1 + 2, Array.isArray(sent) ? sent.length : 0));
}

export function SectionFields({
  section,
  state,
  saved,
  priorities,
  rows,
  audience = "staff",
}: {
  section: IntakeSectionKey;
  state: FormState;
  saved: Values;
  priorities: { key: string; label: string; rank: number }[];
  rows: number;
  /** "partner" on the partner's own page: their organisation is "your organisation" (inPartnerWords). */
  audience?: "staff" | "partner";
}) {
  const v = (name: string) => saved[name] ?? "";
  const L = audience === "partner" ? PARTNER_FIELD_LABELS : FIELD_LABELS;
  const w = audience === "partner" ? inPartnerWords : (text: string) => text;
  switch (section) {
    case "context":
      return (
        <>
          <SelectField
            name="partnerKind"
            label={L.partnerKind}
            placeholder="Not answered"
            options={options("partnerKind")}
            state={state}
            saved={v("partnerKind")}
          />
          <div className="row-grid">
            <TextField name="sites" label={L.sites} inputMode="numeric" state={state} saved={v("sites")} />
            <TextField name="population" label={L.population} inputMode="numeric" state={state} saved={v("population")} />
          </div>
          <RadioGroup name="geographyScope" legend={L.geographyScope} options={options("geographyScope")} state={state} value={v("geographyScope")} />
          <RadioGroup
            name="improvementExperience"
            legend={L.improvementExperience}
            options={options("improvementExperience")}
            state={state}
            value={v("improvementExperience")}
          />
          <Checkbox
            name="hasLearningSystem"
            label={w("The partner has a learning system (regular sharing of data and practice across sites)")}
            state={state}
            saved={v("hasLearningSystem") === "on"}
          />
          <Checkbox name="hasImprovementTeam" label={w("The partner has an improvement team")} state={state} saved={v("hasImprovementTeam") === "on"} />
          <Checkbox name="previousWorkWithUs" label={w("The partner has worked with us before")} state={state} saved={v("previousWorkWithUs") === "on"} />
          <TextArea
            name="existingWork"
            label={L.existingWork}
            hint="Programmes under way, infrastructure, trained people."
            state={state}
            saved={v("existingWork")}
            maxLength={TEXT_LIMITS.existingWork}
          />
        </>
      );
    case "needs": {
      return (
        <>
          <TextArea
            name="problems"
            label={L.problems}
            hint={w("What the partner wants to solve, as they put it.")}
            state={state}
            saved={v("problems")}
            rows={5}
            maxLength={TEXT_LIMITS.problems}
          />
          <h3>Priority topics, in rank order</h3>
          <p className="small muted">
            The first row is the top priority. Leave spare rows empty, or add rows with “Add another priority” (up to {MAX_PRIORITIES}); use “Move up” to change
            the order.
          </p>
          {Array.from({ length: rows }, (_, i) => {
            const p = (f: string) => `priorities[${i}].${f}`;
            return (
              <div className="row-card" key={i}>
                <h3>
                  Priority {i + 1}
                  {i > 0 ? (
                    <button
                      className="button button--secondary button--small"
                      type="submit"
                      name="move"
                      value={String(i)}
                      aria-label={`Move priority ${i + 1} up`}
                    >
                      Move up
                    </button>
                  ) : null}
                </h3>
                <div className="row-grid">
                  <SelectField
                    name={p("topic")}
                    label={L.topic}
                    placeholder="None"
                    options={[...PRIORITY_TOPICS.map((t) => ({ value: t.key, label: t.label })), { value: "other", label: "Other (write it in)" }]}
                    state={state}
                    saved={v(p("topic"))}
                  />
                  <TextField name={p("custom")} label={L.custom} hint="For “Other”." state={state} saved={v(p("custom"))} />
                  {/* A written-in topic keeps its id when its text is corrected, and so its evidence. */}
                  {shown(state, p("id"), v(p("id"))) ? <input type="hidden" name={p("id")} value={shown(state, p("id"), v(p("id")))} /> : null}
                </div>
                <div className="row-grid">
                  <TextField name={p("baselineMeasure")} label={L.baselineMeasure} state={state} saved={v(p("baselineMeasure"))} />
                  <TextField name={p("baselineValue")} label={L.baselineValue} inputMode="decimal" state={state} saved={v(p("baselineValue"))} />
                  <TextField name={p("baselineDate")} label={L.baselineDate} type="date" state={state} saved={v(p("baselineDate"))} />
                  <TextField name={p("baselineSource")} label={L.baselineSource} state={state} saved={v(p("baselineSource"))} />
                  <TextField
                    name={p("baselineDue")}
                    label={L.baselineDue}
                    hint="Only if not measured yet: leave the value and date empty."
                    type="month"
                    state={state}
                    saved={v(p("baselineDue"))}
                  />
                </div>
              </div>
            );
          })}
          {rows < MAX_PRIORITIES ? (
            <p>
              <button className="button button--secondary button--small" type="submit" name={ADD_PRIORITY.name} value={ADD_PRIORITY.value}>
                Add another priority
              </button>
            </p>
          ) : (
            <p className="small muted">{w(`The intake holds up to ${MAX_PRIORITIES} priorities.`)}</p>
          )}
        </>
      );
    }
    case "evidence":
      return (
        <>
          <h3>Evidence for each priority</h3>
          {priorities.length === 0 ? (
            <p className="muted">
              Add priority topics under <Link to="?section=needs">Needs and priorities</Link> first; their evidence is recorded here.
            </p>
          ) : (
            priorities.map((pr, i) => {
              const e = (f: string) => `priorityEvidence[${i}].${f}`;
              return (
                <div className="row-card" key={pr.key}>
                  <h3>
                    {pr.rank}. {pr.label}
                  </h3>
                  <input type="hidden" name={e("priority")} value={pr.key} />
                  <div className="row-grid">
                    <SelectField
                      name={e("changePackage")}
                      label={L.changePackage}
                      placeholder="Not answered"
                      options={options("changePackage")}
                      state={state}
                      saved={v(e("changePackage"))}
                    />
                    <SelectField
                      name={e("degreeOfBelief")}
                      label={L.degreeOfBelief}
                      hint="That the changes will bring improvement."
                      placeholder="Not answered"
                      options={BELIEF_LEVELS.map((b) => ({ value: b, label: ANSWER_LABELS.degreeOfBelief[b] }))}
                      state={state}
                      saved={v(e("degreeOfBelief"))}
                    />
                    <SelectField
                      name={e("brightSpots")}
                      label={L.brightSpots}
                      placeholder="Not answered"
                      options={options("brightSpots")}
                      state={state}
                      saved={v(e("brightSpots"))}
                    />
                  </div>
                </div>
              );
            })
          )}
          <h3>Draft aim</h3>
          <div className="row-grid">
            <TextField name="aimHowMuch" label={L.aimHowMuch} hint="For example “reduce VAP by 50%”." state={state} saved={v("aimHowMuch")} />
            <TextField name="aimByWhen" label={L.aimByWhen} type="month" hint="Month and year, e.g. November 2028." state={state} saved={v("aimByWhen")} />
            <TextField name="aimForWhom" label={L.aimForWhom} hint="Population or sites." state={state} saved={v("aimForWhom")} />
          </div>
          <RadioGroup name="aimStyle" legend={L.aimStyle} options={options("aimStyle")} state={state} value={v("aimStyle")} />
          <RadioGroup name="breadth" legend={L.breadth} options={options("breadth")} state={state} value={v("breadth")} />
          <RadioGroup
            name="wantsCapabilityBuilding"
            legend={L.wantsCapabilityBuilding}
            hint="A cadre of improvement advisors and coaches of its own."
            options={options("wantsCapabilityBuilding")}
            state={state}
            value={v("wantsCapabilityBuilding")}
          />
          <RadioGroup
            name="wantsPublicMobilisation"
            legend={L.wantsPublicMobilisation}
            options={options("wantsPublicMobilisation")}
            state={state}
            value={v("wantsPublicMobilisation")}
          />
        </>
      );
    case "scale":
      return (
        <>
          <TextField name="expectedSites" label={L.expectedSites} inputMode="numeric" state={state} saved={v("expectedSites")} />
          <div className="row-grid">
            <TextField
              name="desiredStart"
              label={L.desiredStart}
              type="month"
              hint="Month and year, e.g. March 2027; this month means as soon as possible."
              state={state}
              saved={v("desiredStart")}
            />
            <TextField
              name="longestDurationMonths"
              label={`${L.longestDurationMonths} (months)`}
              hint={w(DURATION_HINT)}
              inputMode="numeric"
              state={state}
              saved={v("longestDurationMonths")}
            />
            <TextField name="hardDeadline" label={L.hardDeadline} type="date" hint="Leave empty if there is none." state={state} saved={v("hardDeadline")} />
          </div>
        </>
      );
    case "capacity":
      return (
        <>
          <RadioGroup name="seniorSponsor" legend={L.seniorSponsor} options={options("seniorSponsor")} state={state} value={v("seniorSponsor")} />
          <div className="grid-2">
            <TextField name="sponsorName" label={L.sponsorName} hint="The proposal is addressed to them." state={state} saved={v("sponsorName")} />
            <TextField name="sponsorTitle" label={L.sponsorTitle} state={state} saved={v("sponsorTitle")} />
            <TextField name="sponsorEmail" label={L.sponsorEmail} type="email" state={state} saved={v("sponsorEmail")} />
          </div>
          <RadioGroup name="projectLeads" legend={L.projectLeads} options={options("projectLeads")} state={state} value={v("projectLeads")} />
          <RadioGroup name="dataLead" legend={L.dataLead} options={options("dataLead")} state={state} value={v("dataLead")} />
          <RadioGroup name="canReleaseTeams" legend={L.canReleaseTeams} options={options("canReleaseTeams")} state={state} value={v("canReleaseTeams")} />
          <RadioGroup name="willingToShare" legend={L.willingToShare} options={options("willingToShare")} state={state} value={v("willingToShare")} />
          <h3>For a campaign</h3>
          <p className="muted small">Readiness for a campaign rests on these; leave them empty if a campaign is not in view.</p>
          <RadioGroup name="enrolmentChannel" legend={L.enrolmentChannel} options={options("enrolmentChannel")} state={state} value={v("enrolmentChannel")} />
          <RadioGroup name="nodePartners" legend={L.nodePartners} options={options("nodePartners")} state={state} value={v("nodePartners")} />
          <RadioGroup name="dataPlatform" legend={L.dataPlatform} options={options("dataPlatform")} state={state} value={v("dataPlatform")} />
          <RadioGroup name="mentorSites" legend={L.mentorSites} options={options("mentorSites")} state={state} value={v("mentorSites")} />
          <h3>For a tailored initiative</h3>
          <p className="muted small">Readiness for a tailored large-scale initiative rests on these.</p>
          <RadioGroup name="governance" legend={L.governance} options={options("governance")} state={state} value={v("governance")} />
          <RadioGroup name="capabilityPlan" legend={L.capabilityPlan} options={options("capabilityPlan")} state={state} value={v("capabilityPlan")} />
        </>
      );
    case "budget":
      return (
        <>
          <div className="row-grid">
            <TextField name="budgetMin" label={L.budgetMin} inputMode="numeric" state={state} saved={v("budgetMin")} />
            <TextField name="budgetMax" label={L.budgetMax} inputMode="numeric" state={state} saved={v("budgetMax")} />
            <TextField name="currency" label={L.currency} hint="Three letters, e.g. GBP, EUR, USD." state={state} saved={v("currency")} />
          </div>
          <RadioGroup name="budgetSecured" legend={L.budgetSecured} options={options("budgetSecured")} state={state} value={v("budgetSecured")} />
        </>
      );
  }
}
