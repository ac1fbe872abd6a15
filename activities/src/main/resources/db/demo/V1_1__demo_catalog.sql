-- Sandbox demo data (embedded default only): a small catalogue and two buyers.
INSERT INTO skus (sku_id, name, price, stock, sales) VALUES
  ('SKU-TEA-250G', 'Longjing tea, 250 g', 12800, 100, 0),
  ('SKU-MUG', 'Celadon mug', 5900, 50, 0),
  ('SKU-KETTLE', 'Cast-iron kettle', 39900, 5, 0);

INSERT INTO points_accounts (user_id, available, frozen) VALUES
  ('u-alice', 5000, 0),
  ('u-bob', 200, 0);

INSERT INTO wallet_balances (user_id, available, frozen, spent) VALUES
  ('u-alice', 20000, 0, 0),
  ('u-bob', 0, 0, 0);

INSERT INTO coupons (coupon_id, user_id, discount, status) VALUES
  ('CPN-ALICE-10', 'u-alice', 1000, 'AVAILABLE'),
  ('CPN-ALICE-30', 'u-alice', 3000, 'AVAILABLE'),
  ('CPN-BOB-5', 'u-bob', 500, 'AVAILABLE');
