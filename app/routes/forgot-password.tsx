import { redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { ErrorSummary, TextField } from "~/components/field";
import { useFocusOnNewMessage } from "~/components/ui";
import { RESET_SENT } from "~/domain/account-links";
import { ForgotPasswordSchema } from "~/domain/user-forms";
import { formState } from "~/lib/forms";
import { reply } from "~/lib/forms.server";
import { change } from "~/lib/route.server";
import { requestPasswordReset } from "~/models/account-links.server";
import { getOptionalUser } from "~/services/session.server";
import { homeFor } from "~/lib/home.server";
import { SubmitButton } from "~/components/submit-button";

export const meta: MetaFunction = () => [{ title: "Forgot your password · Partnership Planner" }];

/** Passes the throttle's Retry-After on to the browser. */
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = getOptionalUser(request);
  if (user) throw redirect(homeFor(user));
  return { sent: new URL(request.url).searchParams.get("sent") === "1" ? RESET_SENT : null };
}

/** The answer is the same whether or not the address has an account, so it tells nobody which addresses do. */
export async function action({ request, context }: ActionFunctionArgs) {
  return change(await request.formData(), ForgotPasswordSchema, ({ email }, submission) => {
    const { wait } = requestPasswordReset(email, context.clientAddress ?? "unknown");
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60);
      return reply(submission, 429, {
        formErrors: [`Too many requests for a new password. Please wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`],
        headers: { "Retry-After": String(wait) },
      });
    }
    return redirect("/forgot-password?sent=1", { status: 303 });
  });
}

export default function ForgotPassword() {
  const { sent } = useLoaderData<typeof loader>();
  const form = formState(useActionData<typeof action>());
  const navigation = useNavigation();
  // Once the link is asked for, the form goes: focus moves to what became of it, in the form's place.
  const result = useFocusOnNewMessage<HTMLParagraphElement>(sent);
  return (
    <div className="card" style={{ maxWidth: "30rem", margin: "2rem auto" }}>
      <h1>Forgot your password?</h1>
      {sent ? (
        <p role="status" data-reset-sent ref={result} tabIndex={-1}>
          {sent}
        </p>
      ) : (
        <>
          <p className="muted">We will mail a link to choose a new one to the address you sign in with.</p>
          <ErrorSummary errors={form.errors} labels={{ email: "Email" }} />
          <Form method="post" noValidate>
            <TextField name="email" label="Email" type="email" autoComplete="username" state={form} />
            <div className="actions">
              <SubmitButton className="button" busy={navigation.state === "submitting"}>
                Send me a link
              </SubmitButton>
            </div>
          </Form>
        </>
      )}
      <p>
        <Link to="/login">Back to sign in</Link>
      </p>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
