import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { rootKey } from "@/lib/client/keys";
import type { MetricRange, MetricSeriesView } from "@/lib/validations/metrics-history";

const root = rootKey("metrics");
/** `subject` is the API path of the series: `/containers/<id>`, `/apps/<id>`, `/hosts/<id>`, `/tenants/<id>`, `/cluster`. */
export const metricsKeys = {
  all: root(),
  series: (subject: string, range: MetricRange) => root("series", subject, range),
};

export const useMetricHistory = (subject: string, range: MetricRange) =>
  useQuery({
    queryKey: metricsKeys.series(subject, range),
    queryFn: () => api<MetricSeriesView>(`${subject}/metrics?range=${range}`),
    refetchInterval: 30_000,
    placeholderData: keepPreviousData,
  });
