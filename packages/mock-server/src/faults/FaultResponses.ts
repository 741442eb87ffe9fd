/**
 * The answers of the faults that are not Polyv envelopes: a proxy's 5xx page and a body cut off
 * half-way. Both make a client take its "the body is not JSON" path.
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

/** The answer with its body cut in half: JSON that does not parse, with the answer's own status. */
export const malformed = (answer: MockResponse): MockResponse => {
  const body = typeof answer.body === "string" ? answer.body : new TextDecoder().decode(answer.body)
  return { ...answer, body: body.slice(0, Math.floor(body.length / 2)) }
}
