import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

const HELP: Record<number, { title: string; body: string }> = {
  400: { title: "That request could not be understood", body: "Go back and check what was entered." },
  401: { title: "Please sign in", body: "Your session has ended. Sign in again to carry on." },
  403: { title: "You do not have access to this", body: "Your role does not allow this. If you think it should, ask an administrator." },
  404: { title: "Page not found", body: "It may have been moved, or you may not have access to it. Check the address, or start again from your home page." },
  405: { title: "This page does not take that request", body: "Use the page's own buttons and forms, or start again from your home page." },
  409: { title: "Someone else saved first", body: "Reload the page to see the latest version, then make your change again." },
  429: { title: "Too many attempts", body: "Please wait a moment and try again." },
};

/** The error boundary every route uses: a helpful page with a way on, never a stack trace. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  let status = 500;
  let detail: string | undefined;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    detail = typeof error.data === "string" ? error.data : undefined;
  } else if (error instanceof Response) {
    status = error.status;
  }
  const help = HELP[status] ?? { title: "Something went wrong", body: "The problem has been logged. Try again, or go back to your home page." };
  return (
    <section className="card" aria-labelledby="error-title">
      <p className="muted small">Error {status}</p>
      <h1 id="error-title">{help.title}</h1>
      {/* A 405's message is the router's own, naming the app's modules: not for the reader. */}
      {detail && status < 500 && status !== 405 ? <p>{detail}</p> : null}
      <p>{help.body}</p>
      <div className="actions">
        <Link className="button" to="/">
          Go to your home page
        </Link>
        {status === 401 ? (
          <Link className="button button--secondary" to="/login">
            Sign in
          </Link>
        ) : null}
      </div>
    </section>
  );
}
