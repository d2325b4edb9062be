import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunction } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { CountryField } from "~/components/country-field";
import { ErrorSummary, FormMessage, SelectField, TextArea, TextField } from "~/components/field";
import { formatDate, Notice, StatusBadge } from "~/components/ui";
import { formatCount } from "~/domain/plural";
import { countryName } from "~/domain/countries";
import { describeChanges } from "~/domain/engagement";
import { EngagementPageSchema } from "~/domain/engagement-forms";
import { Conflict } from "~/domain/errors";
import { PARTNER_KIND_LABELS, PARTNER_KINDS } from "~/domain/partner-kinds";
import { TEXT_LIMITS } from "~/domain/limits";
import { engagementIdParam } from "~/lib/params";
import { formState, shown } from "~/lib/forms";
import { change, redirectWithFlash } from "~/lib/route.server";
import { getEngagementForStaff, setOrganisationCountry, setPartnerProfile, updateEngagementDetails, adoptIntakePopulation } from "~/models/engagements.server";
import { getIntake } from "~/models/intake.server";
import { populationDiffersWords, populationStated } from "~/domain/partner-record";
import { inviteExecutive, listExecutives } from "~/models/account-links.server";
import { requireUser } from "~/services/session.server";
import { SubmitButton } from "~/components/submit-button";
import { OwnersPanel } from "~/components/owners-panel";
import { ownerName } from "~/domain/owners";
import { addCoOwner, engagementOwners, handOver, removeCoOwner } from "~/models/owners.server";

const EXECUTIVE_STATUS = {
  active: { label: "Signs in", tone: "success" },
  invited: { label: "Invited, not signed in yet", tone: "warning" },
  disabled: { label: "Disabled", tone: "danger" },
} as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const engagement = getEngagementForStaff(user, engagementIdParam(params));
  // Which population the proposal states, the intake's or the record's, and whether the two differ (docs/domain.md §9.1).
  const population = populationStated(engagement.organisation.population, getIntake(user, engagement.id).intake.context.population);
  return { engagement, executives: listExecutives(user, engagement.id), population, owners: engagementOwners(user, engagement.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  return change(await request.formData(), EngagementPageSchema, (input) => {
    if (input.intent === "invite-executive") {
      const { resent } = inviteExecutive(user, id, input);
      return redirectWithFlash(
        request,
        `/engagements/${id}`,
        resent
          ? `A new invitation is on its way to ${input.email}; the earlier link works too until one of them is used.`
          : `${input.name} is invited: a link to choose a password is on its way to ${input.email}.`
      );
    }
    if (input.intent === "add-co-owner") {
      const name = addCoOwner(user, id, input.coOwnerId);
      return redirectWithFlash(request, `/engagements/${id}`, `${name} is a co-owner now, and is told by mail.`);
    }
    if (input.intent === "remove-co-owner") {
      const name = removeCoOwner(user, id, input.coOwnerId);
      return redirectWithFlash(request, `/engagements/${id}`, `${name} is no longer a co-owner.`);
    }
    if (input.intent === "hand-over") {
      const { newOwner, previous, kept } = handOver(user, id, input);
      return redirectWithFlash(
        request,
        `/engagements/${id}`,
        `${newOwner} owns the engagement now, and is told by mail; ${previous} ${kept ? "stays on as a co-owner" : "no longer owns it"}.`
      );
    }
    if (input.intent === "set-country") {
      setOrganisationCountry(user, id, input);
      return redirectWithFlash(request, `/engagements/${id}`, `Country saved: ${countryName(input.orgCountry)}.`);
    }
    if (input.intent === "use-intake-population") {
      const { population, changed } = adoptIntakePopulation(user, id, input);
      return redirectWithFlash(
        request,
        `/engagements/${id}`,
        changed
          ? `The partner's record now gives the intake's population served, ${formatCount(population)}: every engagement with this partner states it.`
          : `The partner's record already gives the intake's population served, ${formatCount(population)}.`
      );
    }
    if (input.intent === "set-profile") {
      const { renamed } = setPartnerProfile(user, id, input);
      return redirectWithFlash(
        request,
        `/engagements/${id}`,
        renamed
          ? `The partner's name is now ${input.orgName}: every engagement with this partner, and its next proposal version, state it; versions already made keep the name they were made with.`
          : "The partner's profile is saved: every engagement with this partner, and its next proposal version, state it."
      );
    }
    const result = updateEngagementDetails(user, id, input);
    if (!result.ok) {
      const { current } = result;
      const changed = describeChanges(input, current).map((c) => c.label.toLowerCase());
      throw new Conflict("Someone else saved this engagement while you were editing.", [
        {
          summary: changed.length ? `Changed the ${changed.join(" and ")}.` : "Saved the same details as yours.",
          by: current.updatedByName,
          version: current.version,
        },
      ]);
    }
    return redirectWithFlash(request, `/engagements/${id}`, "Engagement details saved.");
  });
}

/** After a 409 the page shows the engagement as the other person saved it, beside what was typed. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 ? true : defaultShouldRevalidate;

export default function EngagementPage() {
  const { engagement, executives, population, owners } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const org = engagement.organisation;
  const state = formState(actionData);
  const country = formState(actionData, "set-country");
  const profile = formState(actionData, "set-profile");
  const intakePopulation = formState(actionData, "use-intake-population");
  const details = formState(actionData, "update-details");
  const invite = formState(actionData, "invite-executive");
  const addOwner = formState(actionData, "add-co-owner");
  const removeOwner = formState(actionData, "remove-co-owner");
  const handOverState = formState(actionData, "hand-over");
  const conflict = details.values ? actionData?.conflict : undefined;
  // What the other person saved (the page reloads after a conflict) beside what was typed.
  const changes =
    conflict && details.values ? describeChanges({ title: shown(details, "title"), internalNotes: shown(details, "internalNotes") }, engagement) : [];
  return (
    <>
      {state.values &&
      !["set-country", "set-profile", "use-intake-population", "update-details", "invite-executive", "add-co-owner", "remove-co-owner", "hand-over"].includes(
        String(state.values.form)
      ) ? (
        <FormMessage state={state} />
      ) : null}
      <div className="grid-2">
        <section className="card" aria-labelledby="partner-heading">
          <h2 id="partner-heading">Partner</h2>
          <dl className="facts">
            <dt>Organisation</dt>
            <dd>{org.name}</dd>
            <dt>Kind</dt>
            <dd>{PARTNER_KIND_LABELS[org.kind]}</dd>
            <dt>Country</dt>
            <dd data-country={org.country ?? ""}>{countryName(org.country)}</dd>
            <dt>Sites</dt>
            <dd>{formatCount(org.sites)}</dd>
            <dt>Population served</dt>
            <dd>{org.population === null ? <span className="muted">Not known yet</span> : formatCount(org.population)}</dd>
          </dl>
          {population.differs ? (
            <Notice>
              <strong>The intake gives another population served.</strong> {populationDiffersWords(population.differs)}
              {engagement.canEditPartner ? (
                <Form method="post" className="actions" style={{ marginTop: "0.5rem" }}>
                  <input type="hidden" name="form" value="use-intake-population" />
                  <input type="hidden" name="intent" value="use-intake-population" />
                  <input type="hidden" name="orgVersion" value={org.version} />
                  <SubmitButton className="button button--secondary button--small" busy={navigation.state === "submitting"}>
                    Use the intake's figure, {formatCount(population.differs.intake)}, in the record
                  </SubmitButton>
                </Form>
              ) : null}
              <FormMessage state={intakePopulation} />
            </Notice>
          ) : null}
          {engagement.canEditPartner ? (
            <details className="small" open={org.population === null || Object.keys(profile.errors).length > 0}>
              <summary>Change the partner's name or profile</summary>
              <p className="muted">
                The proposal's context states it: {org.name} is the kind of organisation, with the sites and the population served, given here. Every engagement
                with {org.name} reads the same record. A corrected name is printed in the next proposal version; versions already made keep the name they were
                made with.
              </p>
              <ProfileForm org={org} state={profile} busy={navigation.state === "submitting"} />
            </details>
          ) : null}
          {org.country === null ? (
            <>
              <Notice>
                <strong>Choose the country.</strong> It was written as free text that matched no country; the working-day calendar and public holidays follow
                it.
              </Notice>
              {engagement.canEditPartner ? <CountryForm version={org.version} saved="" state={country} busy={navigation.state === "submitting"} /> : null}
            </>
          ) : engagement.canEditPartner ? (
            <details className="small" open={Boolean(country.errors.orgCountry)}>
              <summary>Change the country</summary>
              <p className="muted">
                The working-day calendar and public holidays of every engagement with {org.name} follow it. A timeline made for another country says so until it
                is regenerated.
              </p>
              <CountryForm version={org.version} saved={org.country} state={country} busy={navigation.state === "submitting"} />
            </details>
          ) : null}
        </section>
        <section className="card" aria-labelledby="engagement-heading">
          <h2 id="engagement-heading">Engagement</h2>
          <dl className="facts">
            <dt>Owner</dt>
            <dd>{ownerName({ name: engagement.ownerName, disabled: engagement.ownerDisabled })}</dd>
            <dt>Started</dt>
            <dd>{formatDate(engagement.createdAt)}</dd>
            <dt>Last changed</dt>
            <dd>{formatDate(engagement.updatedAt)}</dd>
            <dt>Internal notes</dt>
            <dd style={{ whiteSpace: "pre-wrap" }}>{engagement.internalNotes || <span className="muted">None</span>}</dd>
          </dl>
        </section>
      </div>
      <OwnersPanel owners={owners} add={addOwner} remove={removeOwner} handOver={handOverState} busy={navigation.state === "submitting"} />
      <section className="card" aria-labelledby="executives-heading">
        <h2 id="executives-heading">The partner's executives</h2>
        <p className="muted">
          Who signs in for {org.name}: they read the versions shared with it, comment and answer, and fill in the intake sections opened to them.
        </p>
        {executives.people.length ? (
          <div className="table-wrap">
            <table className="data">
              <caption className="visually-hidden">Executives of {org.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {executives.people.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">{p.name}</th>
                    <td>{p.email}</td>
                    <td>
                      <StatusBadge tone={EXECUTIVE_STATUS[p.status].tone}>{EXECUTIVE_STATUS[p.status].label}</StatusBadge>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>Nobody at {org.name} can sign in yet.</p>
        )}
        {executives.canInvite ? (
          <>
            <h3 id="invite-heading">Invite an executive</h3>
            <p className="small muted">
              They get an email with a link that works once, for seven days, to choose their own password. Inviting someone who has not signed in yet sends them
              a new link.
            </p>
            <ErrorSummary errors={invite.errors} labels={{ name: "Name", email: "Email" }} />
            <Form method="post" noValidate aria-labelledby="invite-heading">
              <input type="hidden" name="form" value="invite-executive" />
              <input type="hidden" name="intent" value="invite-executive" />
              <TextField form="invite-executive" name="name" label="Name" autoComplete="off" state={invite} />
              <TextField form="invite-executive" name="email" label="Email" type="email" autoComplete="off" state={invite} />
              <div className="actions">
                <SubmitButton className="button" busy={navigation.state === "submitting"}>
                  Send invitation
                </SubmitButton>
              </div>
            </Form>
          </>
        ) : null}
      </section>
      <section className="card" aria-labelledby="bundle-heading">
        <h2 id="bundle-heading">Bundle</h2>
        <p>
          The engagement's content as a JSON file: to archive it, move it to another Partnership Planner, or hand it to another system.{" "}
          <a href="/api/schema">Its format</a> is published.
        </p>
        <div className="actions">
          <a className="button button--secondary" href={`/engagements/${engagement.id}/export`} download>
            Download bundle
          </a>
          <a href={`/engagements/${engagement.id}/audit`}>Audit trail</a>
        </div>
      </section>
      {engagement.canEdit ? (
        <section className="card" aria-labelledby="details-heading">
          <h2 id="details-heading">Edit details</h2>
          {conflict ? (
            <div className="notice" role="alert">
              <p>
                <strong>Someone else saved this engagement while you were editing.</strong>{" "}
                {conflict.changes[0]?.by ? `${conflict.changes[0].by} made these changes. ` : ""}
                Your text is kept below; check it against theirs and save again.
              </p>
              {changes.length ? (
                <table className="data diff-table">
                  <thead>
                    <tr>
                      <th scope="col">Field</th>
                      <th scope="col">Their version (saved)</th>
                      <th scope="col">Your version (not saved)</th>
                    </tr>
                  </thead>
                  <tbody>
                    {changes.map((c) => (
                      <tr key={c.field}>
                        <th scope="row">{c.label}</th>
                        <td className="theirs">{c.theirs}</td>
                        <td>{c.yours}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : (
                <p>Their changes match yours.</p>
              )}
            </div>
          ) : null}
          <ErrorSummary errors={conflict ? undefined : details.errors} labels={{ title: "Title", internalNotes: "Internal notes" }} />
          <Form method="post" noValidate key={conflict ? `conflict-${engagement.version}` : engagement.version}>
            <input type="hidden" name="form" value="update-details" />
            <input type="hidden" name="intent" value="update-details" />
            <input type="hidden" name="version" value={engagement.version} />
            <TextField
              name="title"
              label="Title"
              hint="The partner's executives see a new title only once a version with it is shared with them."
              saved={engagement.title}
              state={details}
            />
            <TextArea
              name="internalNotes"
              label="Internal notes"
              hint="Only our staff see these; partners never do."
              saved={engagement.internalNotes}
              state={details}
              maxLength={TEXT_LIMITS.internalNotes}
            />
            <div className="actions">
              <SubmitButton className="button" busy={navigation.state === "submitting"}>
                {conflict ? "Save my version" : "Save details"}
              </SubmitButton>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;

/** The partner organisation's country, chosen from the list: its working days and public holidays shape every plan. */
function CountryForm({ version, saved, state, busy }: { version: number; saved: string; state: ReturnType<typeof formState>; busy: boolean }) {
  return (
    <Form method="post" noValidate aria-label="Choose the country">
      <input type="hidden" name="form" value="set-country" />
      <input type="hidden" name="intent" value="set-country" />
      <input type="hidden" name="orgVersion" value={version} />
      <CountryField saved={saved} state={state} />
      <SubmitButton className="button" busy={busy}>
        Save the country
      </SubmitButton>
    </Form>
  );
}

/** The partner organisation's kind, sites and population, as the proposal's context states them. */
function ProfileForm({
  org,
  state,
  busy,
}: {
  org: { name: string; kind: string; sites: number; population: number | null; version: number };
  state: ReturnType<typeof formState>;
  busy: boolean;
}) {
  return (
    <Form method="post" noValidate aria-label="Change the partner's profile">
      <input type="hidden" name="form" value="set-profile" />
      <input type="hidden" name="intent" value="set-profile" />
      <input type="hidden" name="orgVersion" value={org.version} />
      <ErrorSummary
        errors={state.errors}
        labels={{ orgName: "Organisation name", orgKind: "Kind", orgSites: "Number of sites", orgPopulation: "Population served" }}
      />
      <TextField
        form="set-profile"
        name="orgName"
        label="Organisation name"
        autoComplete="organization"
        hint="As the partner writes it, in 160 characters at most: it is printed on every document."
        saved={org.name}
        state={state}
      />
      <SelectField
        form="set-profile"
        name="orgKind"
        label="Kind"
        options={PARTNER_KINDS.map((k) => ({ value: k, label: PARTNER_KIND_LABELS[k] }))}
        saved={org.kind}
        state={state}
      />
      <TextField form="set-profile" name="orgSites" label="Number of sites" inputMode="numeric" saved={String(org.sites)} state={state} />
      <TextField
        form="set-profile"
        name="orgPopulation"
        label="Population served"
        inputMode="numeric"
        hint="Leave empty if it is not known yet: the proposal asks for it, here or in the intake's partner context, before it can be shared."
        saved={org.population === null ? "" : String(org.population)}
        state={state}
      />
      <SubmitButton className="button" busy={busy}>
        Save the profile
      </SubmitButton>
    </Form>
  );
}
