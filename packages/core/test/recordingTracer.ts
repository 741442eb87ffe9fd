/** A tracer that keeps every span it makes, for tests that look at spans. */
import { Tracer } from "effect"

export const recordingTracer = () => {
  const spans: Array<Tracer.Span> = []
  const tracer = Tracer.make({
    span(options) {
      const span = Tracer.nativeTracer.span(options)
      spans.push(span)
      return span
    },
  })
  return { spans, tracer }
}
