// Which main view is on screen. Panels added by lessons, challenges and the
// classroom switch to the workspace with `getNavigation().go('workspace')`
// after opening a lab there.
import { getContext, setContext } from 'svelte';

export type ViewId = 'workspace' | 'lessons' | 'challenge' | 'classroom' | 'reference';

export class Navigation {
  current = $state<ViewId>('workspace');
  /** The kernel reference's section to show ("§2", "E1b"); null: its beginning. */
  referenceSection = $state<string | null>(null);

  go(view: ViewId): void {
    this.current = view;
  }

  /** A citation followed: the kernel reference, at the section it names. */
  openReference(section: string | null): void {
    this.referenceSection = section;
    this.current = 'reference';
  }
}

const KEY = Symbol('lvs-lab.navigation');

export function setNavigation(navigation: Navigation): Navigation {
  return setContext(KEY, navigation);
}

export function getNavigation(): Navigation {
  const navigation = getContext<Navigation | undefined>(KEY);
  if (!navigation) throw new Error('getNavigation() outside the App: no navigation in context');
  return navigation;
}
