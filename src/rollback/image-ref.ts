/**
 * What a container image reference may look like (the Docker reference grammar), so a value
 * handed to `flyctl deploy --image` is an image and can never be read as a flag.
 */
import { z } from 'zod';

const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|-+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const IMAGE_REF = new RegExp(
  `^(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`,
);

export const IMAGE_REF_EXAMPLE = 'registry.fly.io/my-app:deployment-01J9Z3K7QF8W2V4N6B1M5C0X7R';

export function isImageRef(value: string): boolean {
  return value.length <= 512 && IMAGE_REF.test(value);
}

export const imageRefSchema = z.string().refine(isImageRef, {
  error: `expected an image reference [registry/]name[:tag][@sha256:digest], like ${IMAGE_REF_EXAMPLE}`,
});
