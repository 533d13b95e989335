import { TemplateInput, TemplateList, TemplatePatch, TemplateView } from "@/lib/validations/template";
import type { Operation } from "../types";

/** App templates (docs/templates.md): everyone reads, admins write their own (audited as template.*). */
export const templatesOperations: Operation[] = [
  {
    method: "get",
    path: "/templates",
    tag: "templates",
    summary: "The template catalogue: built-in templates (the voting app first), then the admins' own",
    response: TemplateList,
  },
  {
    method: "post",
    path: "/templates",
    tag: "templates",
    summary:
      "Add a template (admin; audited as template.create). Its compose file must parse with Wharf's loader and every ${NAME} in it must be a declared variable (422 naming the field)",
    body: TemplateInput,
    response: TemplateView,
    status: 201,
  },
  {
    method: "get",
    path: "/templates/{id}",
    tag: "templates",
    summary: "One template by its id (slug)",
    response: TemplateView,
  },
  {
    method: "patch",
    path: "/templates/{id}",
    tag: "templates",
    summary: "Change an admin's template (admin; audited as template.update). Built-in ones answer 409",
    body: TemplatePatch,
    response: TemplateView,
  },
  {
    method: "delete",
    path: "/templates/{id}",
    tag: "templates",
    summary: "Delete an admin's template (admin; audited as template.delete). Apps made from it keep running",
    status: 204,
  },
];
