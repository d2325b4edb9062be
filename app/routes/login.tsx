import { redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { ErrorSummary, TextField, useFocusOnErrors } from "~/components/field";
import { Refusal } from "~/domain/errors";
import { LoginSchema } from "~/domain/user-forms";
import { safeRedirect } from "~/domain/users";
import { formState } from "~/lib/forms";
import { reply } from "~/lib/forms.server";
import { change } from "~/lib/route.server";
import { publicIdentity } from "~/models/organisation-profile.server";
import { attemptLogin } from "~/services/login.server";
import { createUserSession, endSession, getOptionalUser } from "~/services/session.server";
import { homeFor } from "~/lib/home.server";
import { SubmitButton } from "~/components/submit-button";

export const meta: MetaFunction = () => [{ title: "Sign in · Partnership Planner" }];

/** Passes the throttle's Retry-After on to the browser. */
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

/** The password is never sent back to the page. */
const HIDE = ["password"];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = getOptionalUser(request);
  if (user) throw redirect(homeFor(user));
  return { organisation: publicIdentity() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  return change(
    await request.formData(),
    LoginSchema,
    async ({ email, password, redirectTo }, submission) => {
      const result = await attemptLogin(email, password, context.clientAddress ?? "unknown");
      if (!result.ok && result.status === 429) {
        return reply(submission, 429, { formErrors: [result.message], hideFields: HIDE, headers: { "Retry-After": String(result.retryAfter) } });
      }
      // One message for an unknown account and a wrong password, for the form as a whole.
      if (!result.ok) throw new Refusal(result.message);
      endSession(request);
      return createUserSession(result.userId, safeRedirect(redirectTo, homeFor({ id: result.userId, role: result.role })));
    },
    { hide: HIDE }
  );
}

export default function Login() {
  const { organisation } = useLoaderData<typeof loader>();
  const form = formState(useActionData<typeof action>());
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const { "": formError, ...fieldErrors } = form.errors;
  const formErrorRef = useFocusOnErrors<HTMLDivElement>(formError ? { "": formError } : null);
  return (
    <div className="card" style={{ maxWidth: "30rem", margin: "2rem auto" }}>
      {organisation.logo ? (
        <p className="org-logo">
          <img src={organisation.logo} alt={organisation.name} />
        </p>
      ) : null}
      <h1>Sign in</h1>
      <p className="muted">{organisation.name}: Partnership Planner helps scope, resource and propose improvement partnerships.</p>
      {formError ? (
        <div className="error-summary" role="alert" tabIndex={-1} ref={formErrorRef}>
          <p style={{ margin: 0 }}>{formError}</p>
        </div>
      ) : null}
      <ErrorSummary errors={fieldErrors} />
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <TextField name="email" label="Email" type="email" autoComplete="username" state={form} />
        <TextField name="password" label="Password" type="password" autoComplete="current-password" state={form} />
        <div className="actions">
          <SubmitButton className="button" busy={navigation.state === "submitting"}>
            {navigation.state === "submitting" ? "Signing in…" : "Sign in"}
          </SubmitButton>
        </div>
      </Form>
      <p>
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
