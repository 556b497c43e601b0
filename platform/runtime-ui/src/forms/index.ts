// The form renderer shared by the runtime UI's record page and the designer's live preview.
export { FormRenderer } from './form-renderer';
export type { FormRendererProps } from './form-renderer';
export { FieldWidget } from './field-widget';
export type { ChoiceOption, FieldWidgetProps } from './field-widget';
export { computeFormView, fieldErrorsByKey, missingRequired, hasValue } from './form-view';
export type { FieldView, FormContext, FormView, SectionView } from './form-view';
