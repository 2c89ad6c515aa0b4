import { projectRoot } from '#libs/web';
import { join } from 'node:path';

/** The catalogue files Tilsyn ships (catalogue/ at the project root), in the order they are seeded. */
export const SHIPPED_CATALOGUES = ['regional-social.yaml', 'socialtilsyn.yaml'].map((f) => join(projectRoot, 'catalogue', f));
