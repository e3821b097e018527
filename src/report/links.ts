/** Which URLs of a report may become links: only GitHub's own pages, built from numbers. */

/** Only a plain https URL (a GitHub run) becomes a link; anything else is shown as text. */
export const runLink = (url: string | null | undefined): url is string =>
  typeof url === 'string' && /^https:\/\/[A-Za-z0-9.-]+(?:\/[A-Za-z0-9_.-]+)+$/.test(url);

/** An artifact's page: a run link that ends in GitHub's numbers, `/runs/<id>/artifacts/<id>`. */
export const artifactLink = (url: string | null | undefined): url is string =>
  runLink(url) && /\/actions\/runs\/\d+\/artifacts\/\d+$/.test(url);
