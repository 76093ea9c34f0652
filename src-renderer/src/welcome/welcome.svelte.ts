// Whether the learner has seen the welcome (the first-hour path beside the
// free lab), kept in the document store so it shows on the first start only.
import { documentStore, guard, type DocumentStore } from '../storage/index.ts';

export const WELCOME_KEY = 'welcome';

interface WelcomeDocument {
  seen: boolean;
}

const isWelcomeDocument = (value: unknown): value is WelcomeDocument =>
  typeof value === 'object' && value !== null && typeof (value as { seen?: unknown }).seen === 'boolean';

const parseWelcome = guard(isWelcomeDocument, 'expected {"seen": true|false}');

export class Welcome {
  /** null until the store has answered: nothing is shown for a moment rather than the welcome flashing by. */
  seen = $state<boolean | null>(null);
  readonly #store: Promise<DocumentStore>;

  constructor(store: Promise<DocumentStore>) {
    this.#store = store;
    void this.#load();
  }

  async #load(): Promise<void> {
    const result = await (await this.#store).load(WELCOME_KEY, parseWelcome);
    // A corrupt document was kept aside by the store: show the welcome again rather than nothing.
    this.seen = result.status === 'ok' ? result.value.seen : false;
  }

  /** The learner chose a way on (a lesson, or the free lab): do not offer the welcome again. */
  async dismiss(): Promise<void> {
    this.seen = true;
    try {
      await (await this.#store).save(WELCOME_KEY, { seen: true });
    } catch (error) {
      // The welcome is a convenience: failing to remember it must not stop the learner.
      console.warn('could not remember that the welcome was seen:', error);
    }
  }
}

let welcome: Welcome | undefined;

/** The window's one Welcome, created on first use with the window's document store. */
export function getWelcome(): Welcome {
  welcome ??= new Welcome(documentStore());
  return welcome;
}
