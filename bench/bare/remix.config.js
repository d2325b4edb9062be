// A bare Remix app, the baseline for server memory and client JavaScript: a root and one route, no
// app code. Built with the project's own @remix-run/dev into BARE_OUT (a temporary folder).
import path from "node:path";

const out = process.env.BARE_OUT || path.resolve("bench/bare/.out");

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  appDirectory: "app",
  assetsBuildDirectory: path.join(out, "public/build"),
  serverBuildPath: path.join(out, "build/index.js"),
  cacheDirectory: path.join(out, ".cache"),
  publicPath: "/build/",
  serverModuleFormat: "esm",
  // The same future flags as the app's remix.config.js.
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
  },
};
