import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { forgetAllTyped } from "~/components/kept-typing";
import {
  Form,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useNavigation,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { RouteErrorBoundary } from "./components/error-page";
import { useFocusWhenFormGoes } from "./components/ui";
import { useNonce } from "./components/nonce";
import { mayEver } from "./domain/permissions";
import { ROLE_LABELS, type Role } from "./domain/roles";
import { noticesForRequest } from "./models/notices.server";
import { getSession, takeFlash } from "./services/session.server";
import styles from "./styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Partnership Planner" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const session = getSession(request);
  const user = session
    ? {
        id: session.user.id,
        name: session.user.name,
        role: session.user.role,
        organisationName: session.user.organisationName,
        notices: mayEver(session.user, "notices:read") ? noticesForRequest(request, session.user).length : null,
      }
    : null;
  const flash = takeFlash(request, session);
  return { user, flash: flash?.message ?? null, flashId: flash?.id ?? null };
}

const NAV: Record<Role, { to: string; label: string }[]> = {
  manager: [
    { to: "/engagements", label: "Engagements" },
    { to: "/portfolio", label: "Portfolio" },
  ],
  leader: [
    { to: "/engagements", label: "Engagements" },
    { to: "/approvals", label: "Approvals" },
    { to: "/portfolio", label: "Portfolio" },
  ],
  partner: [{ to: "/partner", label: "Your proposals" }],
  admin: [
    { to: "/admin/users", label: "Users" },
    { to: "/admin/staff", label: "Staff roster" },
    { to: "/admin/open-collaboratives", label: "Open collaboratives" },
    { to: "/admin/outbox", label: "Outbox" },
    { to: "/admin/organisation", label: "Our organisation" },
  ],
};

/**
 * The last action's message. It goes once the next form is sent, so a form that then fails shows its
 * errors without the earlier success beside them, or once another page is opened, which brings its own.
 * The page asking for its data again (after a small form of its own, or while its documents are being
 * made) takes none away, and one it brings again (the same id) does not come back once gone.
 */
function Flash({ data }: { data: { flash: string | null; flashId: string | null } | undefined }) {
  const navigation = useNavigation();
  const location = useLocation();
  const [shown, setShown] = useState<{ message: string; id: string | null } | null>(data?.flash ? { message: data.flash, id: data.flashId } : null);
  const gone = useRef<string | null>(null);
  const page = useRef(location.key);
  // The root's data is new each time its loader runs (on every navigation and after every form), which
  // is when a new message can arrive; another page brings none, and the message goes.
  useEffect(() => {
    const moved = page.current !== location.key;
    page.current = location.key;
    if (data?.flash && data.flashId !== gone.current) setShown({ message: data.flash, id: data.flashId });
    else if (moved) setShown(null);
  }, [data, location.key]);
  useEffect(() => {
    if (navigation.state !== "submitting") return;
    setShown((was) => {
      if (was) gone.current = was.id;
      return null;
    });
  }, [navigation.state]);
  // A form that went with its answer (a version shared, a proposal accepted) leaves focus on the message of what happened.
  const focusRef = useFocusWhenFormGoes<HTMLDivElement>(data?.flash && data.flashId !== gone.current ? data.flash : null);
  // The region is always there, so a message that arrives is read out.
  return (
    <div className={shown ? "flash" : undefined} role="status" ref={focusRef} tabIndex={-1} data-page-message>
      {shown?.message}
    </div>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  const user = data?.user;
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="app-header">
          <div className="app-header__inner">
            <a className="brand" href="/">
              Partnership Planner
            </a>
            {user ? (
              <>
                <nav className="app-nav" aria-label="Main">
                  <ul>
                    {NAV[user.role].map((item) => (
                      <li key={item.to}>
                        <NavLink to={item.to}>{item.label}</NavLink>
                      </li>
                    ))}
                    {user.notices !== null ? (
                      <li>
                        <NavLink to="/notices">Notices{user.notices ? <span className="nav-count"> ({user.notices})</span> : null}</NavLink>
                      </li>
                    ) : null}
                  </ul>
                </nav>
                <div className="user-menu">
                  <span>
                    {user.name} · {ROLE_LABELS[user.role]}
                    {user.organisationName ? `, ${user.organisationName}` : ""}
                  </span>
                  <Form method="post" action="/logout" onSubmit={forgetAllTyped}>
                    <button type="submit">Sign out</button>
                  </Form>
                </div>
              </>
            ) : null}
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          <Flash data={data} />
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

export const ErrorBoundary = RouteErrorBoundary;
