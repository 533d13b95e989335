import { readQuery, withAuth } from "@/lib/api/with-auth";
import { readSampleCompose, SAMPLE_APP_NAME } from "@/lib/deploy/sample";
import { SampleQuery } from "@/lib/validations/app";

/** The voting-app sample (examples/voting-app) as a compose source for "Deploy the sample"; ?mode=swarm gives the stack file. */
export const GET = withAuth(async ({ req }) => ({
  name: SAMPLE_APP_NAME,
  compose: await readSampleCompose(readQuery(req, SampleQuery).mode),
}));
