import { RouteErrorBoundary } from "~/components/error-page";
import { notFound } from "~/services/session.server";

export async function loader() {
  throw notFound("There is no page at this address.");
}

export default function NotFound() {
  return null;
}

export const ErrorBoundary = RouteErrorBoundary;
