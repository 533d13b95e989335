import { z } from "zod";
import { alertsOperations } from "@/lib/openapi/operations/alerts";
import { backupOperations } from "@/lib/openapi/operations/backup";
import { buildsOperations } from "@/lib/openapi/operations/builds";
import { deployOperations } from "@/lib/openapi/operations/deploy";
import { domainsOperations } from "@/lib/openapi/operations/domains";
import { edgeOperations } from "@/lib/openapi/operations/edge";
import { egressOperations } from "@/lib/openapi/operations/egress";
import { fleetOperations } from "@/lib/openapi/operations/fleet";
import { foundationOperations } from "@/lib/openapi/operations/foundation";
import { metricsOperations } from "@/lib/openapi/operations/metrics";
import { opsOperations } from "@/lib/openapi/operations/ops";
import { ownershipOperations } from "@/lib/openapi/operations/ownership";
import { previewsOperations } from "@/lib/openapi/operations/previews";
import { templatesOperations } from "@/lib/openapi/operations/templates";
import type { Operation } from "@/lib/openapi/types";
import { ErrorBody } from "@/lib/validations/common";

/** Every feature's operations; a new feature adds its list here. */
const operations: Operation[] = [
  ...foundationOperations,
  ...deployOperations,
  ...opsOperations,
  ...fleetOperations,
  ...buildsOperations,
  ...egressOperations,
  ...ownershipOperations,
  ...edgeOperations,
  ...domainsOperations,
  ...previewsOperations,
  ...templatesOperations,
  ...metricsOperations,
  ...alertsOperations,
  ...backupOperations,
];

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" });

function describe(op: Operation) {
  const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  const queryParams = op.query
    ? Object.entries(op.query.shape).map(([name, s]) => ({
        name,
        in: "query",
        required: !s.safeParse(undefined).success,
        schema: schema(s),
      }))
    : [];
  const status = String(op.status ?? 200);
  const ok = op.contentType
    ? { description: "Text or a stream", content: { [op.contentType]: { schema: { type: "string" } } } }
    : op.response
      ? { description: "OK", content: { "application/json": { schema: schema(op.response) } } }
      : { description: "OK" };
  const error = { description: "Error", content: { "application/json": { schema: schema(ErrorBody) } } };
  return {
    summary: op.summary,
    tags: [op.tag],
    ...(op.public ? { security: [] } : {}),
    parameters: [...pathParams, ...queryParams],
    ...(op.body || op.form
      ? {
          requestBody: {
            required: true,
            content: {
              ...(op.body ? { "application/json": { schema: schema(op.body) } } : {}),
              ...(op.form ? { "multipart/form-data": { schema: schema(op.form) } } : {}),
            },
          },
        }
      : {}),
    responses: {
      [status]: ok,
      "401": error,
      "403": error,
      "404": error,
      // Every route refuses a body over its limit (413) and a body that is not JSON (415): lib/api/request.ts.
      ...(op.body || op.form ? { "413": error, "415": error } : {}),
      "422": error,
    },
  };
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const item = (paths[op.path] ??= op.root ? { servers: [{ url: "/" }] } : {});
    item[op.method] = describe(op);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Wharf API",
      version: "1",
      description:
        "Containers-as-a-Service console. Authenticate with the session cookie or `Authorization: Bearer <token>`.",
    },
    servers: [{ url: "/api/v1" }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer" },
        cookie: { type: "apiKey", in: "cookie", name: "wharf_session" },
      },
    },
    security: [{ bearer: [] }, { cookie: [] }],
    paths,
  };
}
