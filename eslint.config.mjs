// ESLint flat config: Next's rules (core web vitals, react-hooks, import), typescript-eslint with type information,
// import order, and Prettier last so that no stylistic rule fights the formatter.
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import comments from "@eslint-community/eslint-plugin-eslint-comments";
import { FlatCompat } from "@eslint/eslintrc";
import prettier from "eslint-config-prettier";
import tseslint from "typescript-eslint";

const compat = new FlatCompat({ baseDirectory: dirname(fileURLToPath(import.meta.url)) });

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      ".next*/**",
      "lib/generated/**",
      "bench/results/**",
      "test-results/**",
      "playwright-report/**",
      "data/**",
      "next-env.d.ts",
      "**/*.js",
      "**/*.mjs",
    ],
  },
  ...compat.extends("next/core-web-vitals", "next/typescript"),
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: dirname(fileURLToPath(import.meta.url)) },
    },
    plugins: { "@eslint-community/eslint-comments": comments },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // Every suppression says why, on the same line (`// eslint-disable-line rule -- reason`).
      "@eslint-community/eslint-comments/require-description": ["error", { ignore: [] }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "TSAsExpression > TSAsExpression.expression[typeAnnotation.type='TSUnknownKeyword']",
          message: "`as unknown as` hides a type error; parse the value (zod) or fix the type.",
        },
        {
          selector:
            "TSAsExpression > CallExpression.expression[callee.object.name='JSON'][callee.property.name='parse']",
          message: "`JSON.parse(...) as T` trusts unchecked data; parse it with a zod schema.",
        },
      ],
      "import/order": [
        "error",
        {
          groups: ["builtin", "external", "internal", ["parent", "sibling", "index"], "type"],
          pathGroups: [{ pattern: "@/**", group: "internal" }],
          pathGroupsExcludedImportTypes: ["builtin"],
          alphabetize: { order: "asc", caseInsensitive: true },
          "newlines-between": "never",
        },
      ],
    },
  },
  {
    // Benchmark clients parse their own server's frames on the hot path (zod would slow the client being
    // measured), and the test client's `body` is any response body: there these warn instead of failing.
    files: ["bench/**/*.ts", "tests/helpers/api-client.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "warn", "no-restricted-syntax": "warn" },
  },
  prettier,
);
