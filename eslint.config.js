// Lint rules for the whole project: TypeScript, React, hooks, accessibility, and no import cycles.
import js from "@eslint/js";
import importX from "eslint-plugin-import-x";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", "node_modules/**", "reports/**", "test-results/**", ".cache/**", "data/**", "backups/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "import-x": importX },
    settings: { "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.json" })] },
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports", disallowTypeAnnotations: false }],
      // Stripping control characters from pasted text is one of the app's rules (app/domain/text.ts).
      "no-control-regex": "off",
    },
  },
  {
    // Which way the layers may depend: the domain is pure; models build on services (database, audit,
    // templates, rendering) and never the other way; nothing outside the routes imports a route, and
    // only routes import components, except the PDF service, which prints the on-screen proposal.
    files: ["app/**/*.{ts,tsx}"],
    rules: {
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            { target: "./app/domain", from: ["./app/models", "./app/services", "./app/components", "./app/routes", "./app/lib"] },
            { target: "./app/services", from: ["./app/models", "./app/routes"] },
            { target: "./app/services", from: "./app/components", except: ["./proposal-document.tsx"] },
            { target: "./app/models", from: ["./app/components", "./app/routes"] },
            { target: ["./app/components", "./app/lib"], from: "./app/routes" },
          ],
        },
      ],
    },
  },
  {
    // Tests build hostile and malformed input on purpose.
    files: ["tests/**", "bench/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // A spec's `test` comes from support.ts, which gives each file its own server and database.
    files: ["tests/e2e/**/*.spec.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "@playwright/test", importNames: ["test", "expect"], message: "Import test and expect from ./support." }] },
      ],
    },
  },
  {
    files: ["app/**/*.tsx", "tests/**/*.tsx"],
    ...react.configs.flat.recommended,
    ...react.configs.flat["jsx-runtime"],
    settings: { react: { version: "18.3" } },
  },
  {
    files: ["app/**/*.tsx", "tests/**/*.tsx"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      ...jsxA11y.flatConfigs.recommended.rules,
      "react/prop-types": "off",
      // A scrolling region must be reachable by keyboard (axe: scrollable-region-focusable).
      "jsx-a11y/label-has-associated-control": ["error", { assert: "either", depth: 4 }],
      "jsx-a11y/no-noninteractive-tabindex": ["error", { roles: ["region"], tags: ["figure"] }],
    },
  }
);
