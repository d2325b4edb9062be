import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { RouteErrorBoundary } from "~/components/error-page";
import type { Role } from "~/domain/roles";
import { getOptionalUser } from "~/services/session.server";
import { readOnly } from "~/lib/read-only.server";

export const HOME: Record<Role, string> = {
  manager: "/engagements",
  leader: "/engagements",
  partner: "/partner",
  admin: "/admin/users",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = getOptionalUser(request);
  throw redirect(user ? HOME[user.role] : "/login");
}

export const ErrorBoundary = RouteErrorBoundary;

export const action = readOnly;
