import { z } from 'zod';

/** A list that the data sometimes leaves out, or writes as `key:` with nothing. */
const stringList = z.preprocess((value) => value ?? [], z.array(z.coerce.string()));

/** Signing-certificate SHA-1 as the data writes it (upper-case hex); colons and case tolerated. */
export function normaliseCertificate(sha1: string): string {
  return sha1.replaceAll(':', '').trim().toUpperCase();
}

/**
 * One entry of stalkerware-indicators' `ioc.yaml` or `watchware.yaml`. It is external data that
 * grows new keys (`ios_bundles`, `certificate_organizations`, `c2.ip`), so unknown keys are
 * kept rather than rejected; only what matching needs is checked.
 */
export const indicatorEntrySchema = z.looseObject({
  name: z.coerce.string().min(1),
  names: stringList,
  type: z.string().min(1),
  packages: stringList,
  certificates: z.preprocess((value) => value ?? [], z.array(z.coerce.string().transform(normaliseCertificate))),
  websites: stringList,
  distribution: stringList,
  c2: z
    .preprocess(
      (value) => value ?? {},
      z.looseObject({ domains: stringList, ips: stringList }),
    )
    .optional(),
});

export const indicatorFileSchema = z.array(indicatorEntrySchema);

export type IndicatorEntry = z.output<typeof indicatorEntrySchema>;
