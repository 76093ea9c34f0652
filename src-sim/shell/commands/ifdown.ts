// ifdown (ifupdown 0.8.41, Debian 12): see ../ifupdown.ts.
import { ifupdown } from '../ifupdown.ts';

export const ifdown = ifupdown('down');
