/**
 * What a model accepts, where APIs differ by model. Claude 5.x models reject a non-default
 * `temperature` (the API answers 400); OpenAI's reasoning models (o-series, gpt-5 family) accept only
 * the default too. Unknown models are assumed to accept it.
 */
export const acceptsTemperature = (provider: string, model: string): boolean => {
  const m = model.toLowerCase();
  if (provider === 'openai' || provider === 'openrouter' || provider === 'ollama')
    return !/^(?:openai\/)?(?:o\d|gpt-5)/.test(m);
  const major = /claude-(?:opus|sonnet|haiku)-(\d+)/.exec(m) ?? /claude-(\d+)/.exec(m);
  return !major || Number(major[1]) < 5;
};
