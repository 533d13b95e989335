import "server-only";
// The built-in catalogue: examples/templates/<slug>/template.yaml (read with zod) + compose.yaml, or the
// voting-app sample (lib/deploy/sample.ts) for `sample: true`. Read once per process; a bad file throws,
// naming it, so a broken template never ships silently (the unit test reads every one).
import fs from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { TemplateFile, type TemplateView } from "@/lib/validations/template";
import { readSampleCompose } from "../sample";
import { checkTemplate } from "./check";

export const TEMPLATES_DIR = path.join(process.cwd(), "examples", "templates");

async function readTemplate(slug: string): Promise<TemplateView & { order: number }> {
  const dir = path.join(TEMPLATES_DIR, slug);
  const meta = TemplateFile.safeParse(parse(await fs.readFile(path.join(dir, "template.yaml"), "utf8")));
  if (!meta.success) throw new Error(`examples/templates/${slug}/template.yaml: ${meta.error.message}`);
  const m = meta.data;
  const compose = m.sample
    ? await readSampleCompose()
    : await fs.readFile(path.join(dir, "compose.yaml"), "utf8");
  let images: string[];
  try {
    ({ images } = checkTemplate(compose, m.variables));
  } catch (err) {
    throw new Error(`examples/templates/${slug}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return {
    id: slug,
    name: m.name,
    description: m.description,
    category: m.category,
    order: m.order,
    builtIn: true,
    compose,
    ...(m.sample ? { swarmCompose: await readSampleCompose("swarm") } : {}),
    variables: m.variables.map((v) => ({ ...v, required: v.default === undefined })),
    images,
    createdBy: null,
    updatedAt: null,
  };
}

async function loadAll(): Promise<TemplateView[]> {
  const entries = await fs.readdir(TEMPLATES_DIR, { withFileTypes: true });
  const all = await Promise.all(entries.filter((e) => e.isDirectory()).map((e) => readTemplate(e.name)));
  return all.sort((a, b) => a.order - b.order).map(({ order: _order, ...view }) => view);
}

let cached: Promise<TemplateView[]> | undefined;

/** The built-in templates in catalogue order (the voting app first). */
export function builtInTemplates(): Promise<TemplateView[]> {
  cached ??= loadAll().catch((err: unknown) => {
    cached = undefined; // a fixed file is read again on the next request
    throw err;
  });
  return cached;
}
