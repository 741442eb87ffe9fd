#!/bin/sh
# A contract test in any language's style: plain HTTP to the standalone mock, started with
#   npx polyv-mock --world world.json --real-clock --port 8080
# (--real-clock: timestamps are checked against the real clock, the data stays at the world's `now`).
MOCK=${MOCK:-http://127.0.0.1:8080}
SECRET=polyv-stats-demo-secret-not-real # the world's app secret: here the public demo one
NOW=$(date +%s000)                      # 13-digit milliseconds, within 3 minutes of the clock

# Page 1 of channel 2272655's sessions, two a page (no dates: the 60 days before the world's now).
curl -s "$MOCK/live/v3/channel/session/data/list?$(node sign.mjs "$SECRET" appId=polyvdemo1 timestamp=$NOW channelId=2272655 page=1 pageSize=2)"
# The channel's live seconds: the sum of its ended sessions.
curl -s "$MOCK/live/v3/channel/statistics/get-live-durations?$(node sign.mjs "$SECRET" appId=polyvdemo1 timestamp=$NOW channelIds=2272655)"
# A stub: the next durations call is rate limited (data and parameters in their wire form).
curl -s -H 'content-type: application/json' -d '{"endpoint":"liveDurations","answers":[{"failure":"RateLimited"}]}' "$MOCK/__mock/stubs"
# Signed with the wrong secret: refused first, as Polyv would; the stub is not used.
curl -s "$MOCK/live/v3/channel/statistics/get-live-durations?$(node sign.mjs not-the-secret appId=polyvdemo1 timestamp=$NOW channelIds=2272655)"
# The stub answers this one.
curl -s "$MOCK/live/v3/channel/statistics/get-live-durations?$(node sign.mjs "$SECRET" appId=polyvdemo1 timestamp=$NOW channelIds=2272655)"
# What was asked: the calls to the session list, parameters decoded, and what answered each.
curl -s "$MOCK/__mock/calls?endpoint=sessionList"
