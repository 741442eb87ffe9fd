/**
 * The answers of the faults that are not Polyv envelopes: a proxy's 5xx page (a whole answer that
 * is not the contract) and a body cut short half-way (an answer that did not arrive whole).
 *
 * @module
 */
import type { MockResponse } from "../protocol/MockRequest.js"

/** What nginx in front of an API answers when the backend is down: 502 with an HTML page. */
export const gatewayError = (): MockResponse => ({
  status: 502,
  headers: { "content-type": "text/html" },
  body:
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
})

/**
 * The answer with its body cut in half: its own status and headers, and the first half of its JSON
 * (a proper prefix: JSON that ends mid-value). The HTTP framing stays intact — on a socket the
 * `Content-Length` is the half's — so this simulates a body cut short upstream: a server that sent
 * no length and closed early, a proxy that cut the body. A client should take it for a transport
 * failure and retry, as core's client does (`CutShort` there). A connection that closes before
 * the `Content-Length` it announced is a different failure, which the client's transport reports.
 */
export const malformed = (answer: MockResponse): MockResponse => {
  const body = typeof answer.body === "string" ? answer.body : new TextDecoder().decode(answer.body)
  return { ...answer, body: body.slice(0, Math.floor(body.length / 2)) }
}
