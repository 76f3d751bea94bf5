import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { GraphQLError, ParseOptions, ValidationContext, ValidationRule } from 'graphql';

export interface DocumentLimits {
  maxDepth: number;
  maxTokens: number;
  maxAliases: number;
  maxDirectives: number;
}

/**
 * Bounds on a document's size, checked before any resolver runs: tokens while parsing (a huge
 * document is dropped before it becomes a syntax tree), depth, aliases and directives while
 * validating. The armor rules throw by default, which Apollo answers as an INTERNAL error with
 * HTTP 500; reported to the validation context instead, they are validation errors (400).
 */
export function documentLimits(limits: DocumentLimits): { parseOptions: ParseOptions; validationRules: ValidationRule[] } {
  const report = {
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
  };
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [
      maxDepthRule({ n: limits.maxDepth, ...report }),
      maxAliasesRule({ n: limits.maxAliases, ...report }),
      maxDirectivesRule({ n: limits.maxDirectives, ...report }),
    ],
  };
}
