// ifup (ifupdown 0.8.41, Debian 12): see ../ifupdown.ts.
import { ifupdown } from '../ifupdown.ts';

export const ifup = ifupdown('up');
