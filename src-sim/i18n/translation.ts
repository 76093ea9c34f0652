// The shape every non-English part of the catalogue has, and the compile-time
// rule that a translation uses only the placeholders its English sentence has.
import type { Placeholders } from './catalogue.ts';

/** The same keys as the English part `E`, each with a sentence. */
export type Translation<E extends Record<string, string>> = { readonly [K in keyof E]: string };

/** The keys whose translation in `Z` uses a placeholder the English sentence in `E` lacks. */
export type StrayPlaceholders<E extends Record<string, string>, Z extends Translation<E>> = {
  [K in keyof E]: [Exclude<Placeholders<Z[K]>, Placeholders<E[K]>>] extends [never] ? never : K;
}[keyof E];

/** Compiles only when `T` is never: `Agree<StrayPlaceholders<…>>` names the offending keys otherwise. */
export type Agree<T extends never> = T;
