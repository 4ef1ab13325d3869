// A mapPath adapter: the contract's routes (docs/http-api.md) on a backend whose routes differ, here a
// gateway that versions its paths and names comments its own way:
//
//   contract                                   this backend
//   /production/:pid/an/search?fq=…             /v2/productions/:pid/comments?fq=…
//   /production/:pid/an/bulk                    /v2/productions/:pid/comments/bulk
//   /production/:pid/an/:id                     /v2/productions/:pid/annotations/:id
//   /production/:pid/…                          /v2/productions/:pid/…
//   /org/settings                               /v2/org/settings
//   /share/:token…                              /v2/public/shares/:token…
//
// The elements use it as `new RestReviewApi({ …, mapPath })`; the conformance kit as
// `npx review-elements-conformance … --map-path ./map-path.mjs` (the module's default export).
// `path` keeps its query string; return a path (appended to the API base) or an absolute URL.

/** @param {string} path @param {'GET'|'POST'|'PATCH'|'PUT'|'DELETE'|'HEAD'} _method */
export default function mapPath(path, _method) {
  return path
    .replace(/^\/production\/([^/]+)\/an\/search(?=\?|$)/, '/v2/productions/$1/comments')
    .replace(/^\/production\/([^/]+)\/an\/bulk$/, '/v2/productions/$1/comments/bulk')
    .replace(/^\/production\/([^/]+)\/an\//, '/v2/productions/$1/annotations/')
    .replace(/^\/production\//, '/v2/productions/')
    .replace(/^\/org\//, '/v2/org/')
    .replace(/^\/share\//, '/v2/public/shares/');
}
