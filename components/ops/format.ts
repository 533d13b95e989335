export const formatPercent = (n: number | null | undefined) =>
  n === null || n === undefined ? "—" : `${n.toFixed(1)} %`;
