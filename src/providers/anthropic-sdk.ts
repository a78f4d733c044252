import { BaseAnthropic } from '@anthropic-ai/sdk/client';
import { Messages } from '@anthropic-ai/sdk/resources/messages/messages';
import { Models } from '@anthropic-ai/sdk/resources/models';

/**
 * The SDK's client with only the resources autoscale calls (messages, models). The full
 * `Anthropic` class builds every resource (beta, files, skills…) and its module is three times
 * the size: loading it sat between a generation's start and its first request (≈ 16 ms).
 */
export class AnthropicClient extends BaseAnthropic {
  messages: Messages = new Messages(this);
  models: Models = new Models(this);
}
