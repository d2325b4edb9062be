import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { ErrorSummary, TextField, useFocusOnErrors } from "~/components/field";
import { LoginSchema, safeRedirect } from "~/domain/users";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { attemptLogin } from "~/services/login.server";
import { createUserSession, endSession, getOptionalUser } from "~/services/session.server";
import { HOME } from "./_index";

export const meta: MetaFunction = () => [{ title: "Sign in · Partnership Planner" }];

/** Passes the throttle's Retry-After on to the browser. */
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = getOptionalUser(request);
  if (user) throw redirect(HOME[user.role]);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsed = parseForm(LoginSchema, form);
  if (!parsed.ok) {
    const errors: FieldErrors = parsed.errors;
    return data({ errors, email: parsed.values.email ?? "" }, { status: 400 });
  }
  const { email, password, redirectTo } = parsed.data;
  const result = await attemptLogin(email, password, context.clientAddress ?? "unknown");
  if (!result.ok) {
    return data(
      { errors: { "": result.message } as FieldErrors, email },
      {
        status: result.status,
        headers: result.status === 429 ? { "Retry-After": String(result.retryAfter) } : undefined,
      }
    );
  }
  endSession(request);
  return createUserSession(result.userId, safeRedirect(redirectTo, HOME[result.role]));
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const errors = actionData?.errors as FieldErrors | undefined;
  const formError = errors?.[""];
  const fieldErrors = errors ? Object.fromEntries(Object.entries(errors).filter(([k]) => k !== "")) : undefined;
  const formErrorRef = useFocusOnErrors<HTMLDivElement>(formError ? { "": formError } : null);
  return (
    <div className="card" style={{ maxWidth: "30rem", margin: "2rem auto" }}>
      <h1>Sign in</h1>
      <p className="muted">Partnership Planner helps scope, resource and propose improvement partnerships.</p>
      {formError ? (
        <div className="error-summary" role="alert" tabIndex={-1} ref={formErrorRef}>
          <p style={{ margin: 0 }}>{formError}</p>
        </div>
      ) : null}
      <ErrorSummary errors={fieldErrors} />
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <TextField name="email" label="Email" type="email" autoComplete="username" defaultValue={actionData?.email} errors={fieldErrors} />
        <TextField name="password" label="Password" type="password" autoComplete="current-password" errors={fieldErrors} />
        <div className="actions">
          <button className="button" type="submit" disabled={navigation.state === "submitting"}>
            {navigation.state === "submitting" ? "Signing in…" : "Sign in"}
          </button>
        </div>
      </Form>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
