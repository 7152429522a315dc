/**
 * Where each endpoint lives. Public clients use two prefixes for the same endpoints
 * (PROTOCOL.md, Endpoints): the pro host form `/api/yj/Report/<Name>` and the open API form
 * `/Report/<Name>`.
 */
export type PathStyle = 'pro' | 'open';
export type ApiEndpoint = 'CreateReport' | 'GetReportInfo';

const PREFIX_BY_STYLE: Readonly<Record<PathStyle, string>> = { pro: 'api/yj/Report/', open: 'Report/' };

/** Validates and normalises a base URL so that relative joins keep any path prefix it has. */
export function normaliseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`baseUrl is not an absolute URL: ${JSON.stringify(baseUrl)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`baseUrl must be http or https, got ${url.protocol}`);
  }
  if (url.search || url.hash) throw new TypeError('baseUrl must not carry a query string or fragment');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

export function endpointUrl(base: URL, style: PathStyle, endpoint: ApiEndpoint): URL {
  return new URL(PREFIX_BY_STYLE[style] + endpoint, base);
}

/**
 * ReportUrl is relative to the host (`/api/rpt/retrieve?code=…`, as in the vendor document);
 * an absolute URL (a CDN, say) is used as is.
 */
export function resolveReportUrl(base: URL, reportUrl: string): URL {
  return new URL(reportUrl, base);
}
