/// The OpenAPI description of the JSON API, served at `/openapi.yaml`. Tests check
/// the server's actual responses against it (EligoWebTests/OpenAPITests.swift).
enum OpenAPIDocument {
    static let yaml = #"""
        openapi: 3.1.0
        info:
          title: eligo
          version: "1"
          description: >-
            Decides and explains eligibility with the same rules, engine and report as
            `eligo check`. The server stores nothing and logs no record content.
        paths:
          /v1/check:
            post:
              summary: Decide one record
              parameters:
                - {name: as_of, in: query, required: false, description: "Assess on this date (YYYY-MM-DD), as --as-of", schema: {type: string, format: date}}
                - {name: kind, in: query, required: false, description: "The record kind, for a record without a kind field", schema: {type: string}}
              requestBody:
                required: true
                description: One record as JSON (or YAML). At most 1 MiB.
                content:
                  application/json: {schema: {type: object}}
                  application/yaml: {schema: {type: object}}
              responses:
                "200":
                  description: The report, as one element of `eligo check --format json`, with a decision id.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/Report"}}
                "400": {$ref: "#/components/responses/Problem"}
                "413": {$ref: "#/components/responses/Problem"}
                "422": {$ref: "#/components/responses/Problem"}
          /v1/screen:
            post:
              summary: Decide many records, streamed
              description: JSON Lines in (or CSV, or a YAML stream, by Content-Type); one report per line out, in input order.
              parameters:
                - {name: as_of, in: query, required: false, schema: {type: string, format: date}}
                - {name: kind, in: query, required: false, schema: {type: string}}
              requestBody:
                required: true
                content:
                  application/x-ndjson: {schema: {type: string}}
                  text/csv: {schema: {type: string}}
                  application/yaml: {schema: {type: string}}
              responses:
                "200":
                  description: One JSON report per line (each with decision_id); text/csv when Accept asks for it.
                  content:
                    application/x-ndjson: {schema: {type: string}}
                    text/csv: {schema: {type: string}}
                "400": {$ref: "#/components/responses/Problem"}
                "413": {$ref: "#/components/responses/Problem"}
                "422": {$ref: "#/components/responses/Problem"}
          /v1/rulesets:
            get:
              summary: The rule sets in force, with their digests
              responses:
                "200":
                  description: The live rule sets.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [loaded_at, rulesets]
                        properties:
                          loaded_at: {type: integer, description: "When these rules were loaded (seconds since 1970)"}
                          rulesets:
                            type: array
                            items:
                              type: object
                              required: [id, title, version, kind, effective_from, effective_to, digest]
                              properties:
                                id: {type: string}
                                title: {type: string}
                                version: {type: string}
                                kind: {type: string}
                                effective_from: {type: [string, "null"], format: date}
                                effective_to: {type: [string, "null"], format: date}
                                digest: {type: string}
                          last_reload_error: {type: array, items: {type: string}, description: "Diagnostics of the last change that did not load"}
          /health:
            get:
              summary: Liveness
              responses:
                "200":
                  description: The server is up.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [status, rulesets]
                        properties:
                          status: {type: string, enum: [ok]}
                          rulesets: {type: integer}
        components:
          responses:
            Problem:
              description: A problem detail (RFC 9457).
              content:
                application/problem+json: {schema: {$ref: "#/components/schemas/Problem"}}
          schemas:
            Problem:
              type: object
              required: [type, title, status, detail]
              properties:
                type: {type: string}
                title: {type: string}
                status: {type: integer}
                detail: {type: string}
                decision_id: {type: string}
                digest: {type: string}
                limit_bytes: {type: string}
                errors:
                  type: array
                  items:
                    type: object
                    required: [id, path, message]
                    properties:
                      id: {type: string}
                      path: {type: string}
                      message: {type: string}
                      line: {type: integer}
                      column: {type: integer}
                      suggestion: {type: string}
            Report:
              type: object
              required: [decision_id, record, ruleset, as_of, decision, outcome, rules, errors]
              properties:
                decision_id: {type: string}
                record:
                  type: object
                  required: [id, kind, source]
                  properties: {id: {type: [string, "null"]}, kind: {type: string}, source: {type: [string, "null"]}}
                ruleset:
                  type: [object, "null"]
                  required: [id, version, digest]
                  properties: {id: {type: string}, version: {type: string}, digest: {type: string}}
                as_of: {type: [string, "null"], format: date}
                decision: {type: string}
                outcome: {type: string, enum: [pass, fail, unknown, invalid]}
                rules:
                  type: array
                  items:
                    type: object
                    required: [id, title, severity, outcome, message, needs, values]
                    properties:
                      id: {type: string}
                      title: {type: string}
                      severity: {type: string}
                      outcome: {type: string, enum: [pass, fail, unknown, not_applicable, error]}
                      subject: {type: [string, "null"]}
                      message: {type: string}
                      needs: {type: array, items: {type: string}}
                      values: {type: array}
                      passes_from: {type: string, format: date}
                errors: {type: array}
        """#
}
