import { Form } from "@remix-run/react";
import { Checkbox, ErrorSummary, SelectField } from "~/components/field";
import { SubmitButton } from "~/components/submit-button";
import { StatusBadge } from "~/components/ui";
import type { FormState } from "~/lib/forms";
import { ownerName } from "~/domain/owners";

type Person = { id: number; name: string; disabled: boolean };

/**
 * Who owns the engagement (docs/domain.md §9.15): its owner and co-owners, who may change it; for its
 * owners, adding and removing co-owners and handing it over to another manager.
 */
export function OwnersPanel({
  owners,
  add,
  remove,
  handOver,
  busy,
}: {
  owners: { owner: Person; coOwners: Person[]; canManage: boolean; candidates: { id: number; name: string }[] };
  add: FormState;
  remove: FormState;
  handOver: FormState;
  busy: boolean;
}) {
  const { owner, coOwners, canManage, candidates } = owners;
  const taken = new Set([owner.id, ...coOwners.map((c) => c.id)]);
  const addable = candidates.filter((c) => !taken.has(c.id)).map((c) => ({ value: String(c.id), label: c.name }));
  const successors = candidates.filter((c) => c.id !== owner.id).map((c) => ({ value: String(c.id), label: c.name }));
  return (
    <section className="card" aria-labelledby="owners-heading">
      <h2 id="owners-heading">Owners</h2>
      <p className="muted">
        The owner and co-owners change the engagement, generate and share its proposals and submit them for approval; other staff read it.
      </p>
      {Object.values(remove.errors)[0] ? (
        <p className="field-error" role="alert">
          {Object.values(remove.errors)[0]}
        </p>
      ) : null}
      <div className="table-wrap">
        <table className="data">
          <caption className="visually-hidden">Who owns this engagement</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              {canManage ? (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{ownerName(owner)}</th>
              <td>
                Owner{" "}
                {owner.disabled ? (
                  <StatusBadge tone="danger">
                    {canManage ? "Cannot sign in: hand the engagement over below" : "Cannot sign in: an administrator can hand the engagement over"}
                  </StatusBadge>
                ) : null}
              </td>
              {canManage ? <td /> : null}
            </tr>
            {coOwners.map((c) => (
              <tr key={c.id}>
                <th scope="row">{ownerName(c)}</th>
                <td>Co-owner</td>
                {canManage ? (
                  <td>
                    <Form method="post" aria-label={`Remove ${c.name} as co-owner`}>
                      <input type="hidden" name="form" value="remove-co-owner" />
                      <input type="hidden" name="intent" value="remove-co-owner" />
                      <input type="hidden" name="coOwnerId" value={c.id} />
                      <SubmitButton className="button button--secondary button--small" busy={busy}>
                        Remove <span className="visually-hidden">{c.name}</span>
                      </SubmitButton>
                    </Form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canManage ? (
        <div className="grid-2">
          <div>
            <h3 id="add-co-owner-heading">Add a co-owner</h3>
            {addable.length ? (
              <>
                <ErrorSummary errors={add.errors} labels={{ coOwnerId: "Manager" }} level={4} form="add-co-owner" />
                <Form method="post" noValidate aria-labelledby="add-co-owner-heading">
                  <input type="hidden" name="form" value="add-co-owner" />
                  <input type="hidden" name="intent" value="add-co-owner" />
                  <SelectField
                    form="add-co-owner"
                    name="coOwnerId"
                    label="Manager"
                    hint="A partnership manager who signs in; they are told by mail."
                    placeholder="Choose a manager"
                    options={addable}
                    state={add}
                  />
                  <SubmitButton className="button" busy={busy}>
                    Add co-owner
                  </SubmitButton>
                </Form>
              </>
            ) : (
              <p className="muted">Every partnership manager who signs in owns or co-owns it already.</p>
            )}
          </div>
          <div>
            <h3 id="hand-over-heading">Hand the engagement over</h3>
            {successors.length ? (
              <>
                <ErrorSummary errors={handOver.errors} labels={{ newOwnerId: "New owner" }} level={4} form="hand-over" />
                <Form method="post" noValidate aria-labelledby="hand-over-heading">
                  <input type="hidden" name="form" value="hand-over" />
                  <input type="hidden" name="intent" value="hand-over" />
                  <input type="hidden" name="ownerId" value={owner.id} />
                  <SelectField
                    form="hand-over"
                    name="newOwnerId"
                    label="New owner"
                    hint="The manager who owns the engagement from now on; they are told by mail."
                    placeholder="Choose a manager"
                    options={successors}
                    state={handOver}
                  />
                  {owner.disabled ? null : (
                    <Checkbox form="hand-over" name="keepPrevious" label={`${owner.name} stays on as a co-owner`} saved state={handOver} />
                  )}
                  <SubmitButton className="button" busy={busy}>
                    Hand over
                  </SubmitButton>
                </Form>
              </>
            ) : (
              <p className="muted">There is no other partnership manager who signs in to hand it to.</p>
            )}
          </div>
        </div>
      ) : null}
    </section>
  );
}
