import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { ErrorSummary, SelectField } from "~/components/field";
import { Notice, PageHeader, StatusBadge } from "~/components/ui";
import { ROLE_LABELS, ROLES } from "~/domain/roles";
import { UserPageIntents } from "~/domain/user-forms";
import { formState } from "~/lib/forms";
import { idParam } from "~/lib/params";
import { change, redirectWithFlash, view } from "~/lib/route.server";
import { getUser, listPartnerOrganisations, setUserDisabled, updateUserRole } from "~/models/users.server";
import { handOverAll, ownedEngagementsForAdmin } from "~/models/owners.server";
import { STAGE_LABELS } from "~/domain/workflow";
import { requirePermission } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "User · Partnership Planner" }];

const requireAdmin = (request: Request) => requirePermission(request, "user:manage", "Only administrators manage users.");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = requireAdmin(request);
  const target = view(() => getUser(actor, idParam(params, "id", "user")));
  const owned = ownedEngagementsForAdmin(actor, target.id);
  return {
    target,
    organisations: listPartnerOrganisations(),
    isSelf: target.id === actor.id,
    // Stages in words here, so that the page's own code never loads the workflow table.
    owned: { live: owned.live.map((e) => ({ id: e.id, title: e.title, stage: STAGE_LABELS[e.stage] })), candidates: owned.candidates },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = requireAdmin(request);
  const id = idParam(params, "id", "user");
  return change(await request.formData(), UserPageIntents, (input) => {
    if (input.intent === "update-role") {
      updateUserRole(actor, id, { role: input.role, organisationId: input.organisationId, version: input.version });
      return redirectWithFlash(request, `/admin/users/${id}`, "Role saved. The user's sessions have ended so the change applies at once.");
    }
    if (input.intent === "hand-over-all") {
      const { count, to } = handOverAll(actor, id, input.successorId);
      return redirectWithFlash(
        request,
        `/admin/users/${id}`,
        count ? `${engagementsCount(count)} handed over to ${to}, who is told by mail.` : "They own no live engagement."
      );
    }
    if (input.intent === "disable") {
      const { count, to } = setUserDisabled(actor, id, true, input.successorId);
      return redirectWithFlash(
        request,
        `/admin/users/${id}`,
        count
          ? `User disabled; their sessions have ended. ${engagementsCount(count)} handed over to ${to}, who is told by mail.`
          : "User disabled; their sessions have ended."
      );
    }
    setUserDisabled(actor, id, false);
    return redirectWithFlash(request, `/admin/users/${id}`, "User enabled.");
  });
}

const engagementsCount = (n: number) => (n === 1 ? "Their live engagement was" : `Their ${n} live engagements were`);

/** After a 409 the page shows the user as saved now, with the version to save against. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 ? true : defaultShouldRevalidate;

export default function UserPage() {
  const { target, organisations, isSelf, owned } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const role = formState(reply, "role");
  const access = formState(reply, "access");
  const handOver = formState(reply, "hand-over-all");
  const live = owned.live;
  const successors = owned.candidates.map((c) => ({ value: String(c.id), label: c.name }));
  const them = live.length === 1 ? "it" : "them";
  // With nobody to take them over, the page says so where the choice would be.
  const noSuccessor = successors.length ? "" : " There is no other partnership manager who signs in: invite one first, from Users.";
  const { "": roleFormError, ...roleErrors } = role.errors;
  return (
    <>
      <PageHeader
        title={target.name}
        intro={
          <>
            {target.email} · {target.disabledAt ? <StatusBadge tone="danger">Disabled</StatusBadge> : <StatusBadge tone="success">Active</StatusBadge>}
          </>
        }
        breadcrumbs={<Link to="/admin/users">Users</Link>}
      />
      <section className="card" aria-labelledby="role-heading">
        <h2 id="role-heading">Role and organisation</h2>
        {roleFormError ? <Notice tone="danger">{roleFormError}</Notice> : null}
        <ErrorSummary errors={roleErrors} labels={{ role: "Role", organisationId: "Partner organisation" }} />
        <Form method="post" noValidate>
          <input type="hidden" name="form" value="role" />
          <input type="hidden" name="intent" value="update-role" />
          <input type="hidden" name="version" value={target.version} />
          <SelectField name="role" label="Role" options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} saved={target.role} state={role} />
          <SelectField
            name="organisationId"
            label="Partner organisation"
            hint="Required for partner executives; ignored for other roles."
            placeholder="None"
            options={organisations.map((o) => ({ value: String(o.id), label: o.name }))}
            saved={target.organisationId}
            state={role}
          />
          <div className="actions">
            <button className="button" type="submit">
              Save role
            </button>
          </div>
        </Form>
      </section>
      {live.length ? (
        <section className="card" aria-labelledby="owned-heading">
          <h2 id="owned-heading">Engagements they own</h2>
          <p>
            {target.name} owns {live.length === 1 ? "one live engagement" : `${live.length} live engagements`}: only {live.length === 1 ? "its" : "their"}{" "}
            owners and co-owners can change {them}, share {live.length === 1 ? "its" : "their"} proposals and submit them for approval.
            {target.disabledAt
              ? ` As ${target.name} cannot sign in, nobody moves ${them} forward until ${them} ${live.length === 1 ? "is" : "are"} handed over.`
              : ""}
          </p>
          <div className="table-wrap">
            <table className="data">
              <caption className="visually-hidden">Live engagements {target.name} owns</caption>
              <thead>
                <tr>
                  <th scope="col">Engagement</th>
                  <th scope="col">Stage</th>
                </tr>
              </thead>
              <tbody>
                {live.map((e) => (
                  <tr key={e.id}>
                    <th scope="row">{e.title}</th>
                    <td>{e.stage}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3 id="hand-over-heading">Hand {them} over</h3>
          {handOver.errors[""] ? <Notice tone="danger">{handOver.errors[""]}</Notice> : null}
          <Form method="post" noValidate aria-labelledby="hand-over-heading">
            <input type="hidden" name="form" value="hand-over-all" />
            <input type="hidden" name="intent" value="hand-over-all" />
            <SelectField
              form="hand-over-all"
              name="successorId"
              label="New owner"
              hint={`The manager who owns ${them} from now on; they are told by mail.${noSuccessor}`}
              placeholder="Choose a manager"
              options={successors}
              state={handOver}
            />
            <div className="actions">
              <button className="button" type="submit">
                Hand {them} over
              </button>
            </div>
          </Form>
        </section>
      ) : null}
      {isSelf ? null : (
        <section className="card" aria-labelledby="access-heading">
          <h2 id="access-heading">Access</h2>
          {access.errors[""] ? <Notice tone="danger">{access.errors[""]}</Notice> : null}
          <Form method="post" noValidate>
            <input type="hidden" name="form" value="access" />
            {target.disabledAt ? (
              <>
                <p>This user cannot sign in.</p>
                <button className="button" type="submit" name="intent" value="enable">
                  Enable user
                </button>
              </>
            ) : (
              <>
                <p>Disabling ends every session this user has, at once, and stops them signing in.</p>
                {live.length ? (
                  <>
                    <p>
                      <strong>
                        They own {live.length === 1 ? "a live engagement" : `${live.length} live engagements`} (listed above): disabling them hands {them} over
                        to the manager you choose here, in the same step.
                      </strong>
                    </p>
                    <SelectField
                      form="access"
                      name="successorId"
                      label="New owner of their engagements"
                      hint={`They are told by mail. A user who owns live engagements is not disabled until someone takes them over.${noSuccessor}`}
                      placeholder="Choose a manager"
                      options={successors}
                      state={access}
                    />
                  </>
                ) : null}
                <button className="button button--danger" type="submit" name="intent" value="disable">
                  {live.length ? `Disable user and hand ${them} over` : "Disable user"}
                </button>
              </>
            )}
          </Form>
        </section>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
