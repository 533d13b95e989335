/** What the source flow hands each source's form (image, repository, archive): its values, their change, the check's errors. */
export type SourceFormProps<V> = { values: V; onChange: (v: V) => void; errors: Record<string, string> };
