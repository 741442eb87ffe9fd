/** A valid call of each endpoint, for tests that go over all five (the type asks for every one). */
import type { Contract } from "../src/index.js"

export const sampleParams: { readonly [K in Contract.EndpointName]: Contract.ParamsOf<Contract.EndpointsByName[K]> } = {
  exportReport: { channelId: "2659445", sessionId: "fv3ma84e63" },
  yunduoSummary: { users: ["1b448be323"], start: "2021-08-01", end: "2021-08-17" },
  liveDurations: { channelIds: ["2659445"] },
  micHistory: {},
  sessionList: { channelId: "2659445" },
}
