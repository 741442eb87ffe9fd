// A TypeDoc plugin: drop the members our classes inherit from Effect (`Data.TaggedError` brings
// `pipe` with 20 overloads, `toJSON`, `[Symbol.iterator]`…), which would bury each error class's own
// fields under thousands of lines that are Effect's documentation, not ours. And show an error
// class as extending its named base (`PolyvErrorBase`), not the intersection the class factory
// returns (`PolyvErrorBase<this> & object & Readonly<…>`), whose fields the page lists anyway.
import { Converter, ReflectionKind } from "typedoc"

const members = ReflectionKind.Property | ReflectionKind.Method | ReflectionKind.Accessor

/** @param {import("typedoc").Application} app */
export const load = (app) => {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const reflection of context.project.getReflectionsByKind(ReflectionKind.Class)) {
      const [extended] = reflection.extendedTypes ?? []
      if (extended?.type !== "intersection") continue
      const base = extended.types.find((type) => type.type === "reference" && type.name.endsWith("Base"))
      if (base !== undefined) {
        base.typeArguments = undefined
        reflection.extendedTypes = [base]
      }
    }
    for (const reflection of context.project.getReflectionsByKind(members)) {
      const from = reflection.inheritedFrom
      if (from && !from.reflection && !(from.package ?? "").startsWith("@polyv-stats/")) {
        context.project.removeReflection(reflection)
      }
    }
  })
}
