// The product's name, as the web app's titles and the emails' headers and footers show it.
export const PRODUCT_NAME = 'Webinar Hub';
