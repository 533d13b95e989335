import { z } from "zod";
import { AlertSubject } from "@/lib/validations/alerts";

/** The one reader of Alert.subjects (a Json column): what does not parse reads as no subjects. */
export const alertSubjects = (json: unknown): AlertSubject[] => z.array(AlertSubject).catch([]).parse(json);
