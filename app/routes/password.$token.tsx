import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { ErrorSummary, TextField } from "~/components/field";
import { ChoosePasswordSchema } from "~/domain/user-forms";
import { formState } from "~/lib/forms";
import { change, view } from "~/lib/route.server";
import { openLink, usePasswordLink } from "~/models/account-links.server";
import { createUserSession, endSession } from "~/services/session.server";
import { homeFor } from "~/lib/home.server";
import { SubmitButton } from "~/components/submit-button";

export const meta: MetaFunction = () => [{ title: "Choose your password · Partnership Planner" }, { name: "referrer", content: "no-referrer" }];

/** Passwords are never sent back to the page. */
const HIDE = ["password", "confirm"];

export async function loader({ params }: LoaderFunctionArgs) {
  return view(() => openLink(params.token ?? ""));
}

/** The link is the credential: whoever holds it chooses the password, is signed in, and every other session of the account ends. */
export async function action({ request, params }: ActionFunctionArgs) {
  return change(
    await request.formData(),
    ChoosePasswordSchema,
    async ({ password }) => {
      const { userId, role } = await usePasswordLink(params.token ?? "", password);
      endSession(request);
      return createUserSession(userId, homeFor({ id: userId, role }), "Your password is set. You are signed in.");
    },
    { hide: HIDE }
  );
}

export default function ChoosePassword() {
  const link = useLoaderData<typeof loader>();
  const form = formState(useActionData<typeof action>());
  const navigation = useNavigation();
  return (
    <div className="card" style={{ maxWidth: "30rem", margin: "2rem auto" }}>
      <h1>{link.purpose === "invitation" ? `Welcome, ${link.name}` : "Choose a new password"}</h1>
      <p className="muted">
        {link.purpose === "invitation"
          ? "Choose the password you will sign in with. Nobody else knows it, or ever will."
          : "Choose a new password. Every session of your account ends, on every device."}
      </p>
      <ErrorSummary errors={form.errors} labels={{ password: "Password", confirm: "Password again" }} />
      <Form method="post" noValidate>
        <TextField name="password" label="Password" type="password" hint="At least 12 characters." autoComplete="new-password" state={form} />
        <TextField name="confirm" label="Password again" type="password" autoComplete="new-password" state={form} />
        <div className="actions">
          <SubmitButton className="button" busy={navigation.state === "submitting"}>
            Set password and sign in
          </SubmitButton>
        </div>
      </Form>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
