import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { RouteErrorBoundary } from "~/components/error-page";
import { getOptionalUser } from "~/services/session.server";
import { homeFor } from "~/lib/home.server";
import { readOnly } from "~/lib/read-only.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = getOptionalUser(request);
  throw redirect(user ? homeFor(user) : "/login");
}

export const ErrorBoundary = RouteErrorBoundary;

export const action = readOnly;
