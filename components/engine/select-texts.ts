/** Russian texts for react-select widgets (AdminJS passes none, so they read "Select...", "No options"). */
export const SELECT_TEXTS = {
  placeholder: 'Выберите…',
  noOptionsMessage: () => 'Ничего не найдено',
  loadingMessage: () => 'Загрузка…',
};
