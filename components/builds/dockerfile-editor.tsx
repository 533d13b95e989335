"use client";
// The inline build's Dockerfile, in the same editor as compose files, with Dockerfile highlighting
// (CodeMirror's dockerFile stream mode: instructions, strings, comments, JSON-form arguments).
import { StreamLanguage } from "@codemirror/language";
import { dockerFile } from "@codemirror/legacy-modes/mode/dockerfile";
import { CodeEditor } from "@/components/ui/code-editor";
import type { ControlProps } from "@/components/ui/field";

const EXTENSIONS = [StreamLanguage.define(dockerFile)];

export function DockerfileEditor({ value, onChange, error }: ControlProps) {
  return (
    <CodeEditor
      value={value}
      onChange={onChange}
      extensions={EXTENSIONS}
      label="Dockerfile"
      height="260px"
      error={error}
      hint="Tab indents; Esc then Tab moves to the next field."
      placeholder={'FROM busybox:latest\nRUN echo hello\nCMD ["sh"]'}
      testId="dockerfile-editor"
    />
  );
}
