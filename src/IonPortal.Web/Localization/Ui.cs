namespace IonPortal.Web.Localization;

/// <summary>
/// The portal's UI text. Keys are the English sentences themselves; <c>Ui.es.resx</c> holds the
/// Spanish. A test fails when a key used in the code has no Spanish entry.
/// </summary>
public sealed class Ui;
