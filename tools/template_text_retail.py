"""Retail store template texts: Indonesian (source), English, Simplified Chinese."""

TEXTS = [
    ("Proses toko ritel: dari penerimaan barang sampai penilaian layanan",
     "Retail store process: from receiving goods to the service rating",
     "零售门店流程：从收货到服务评价"),
    ("Gudang", "Warehouse", "仓库"),
    ("Area Toko", "Shop floor", "门店卖场"),
    ("Kasir", "Checkout", "收银台"),
    ("Pengiriman", "Delivery", "配送"),
    ("Layanan Pelanggan", "Customer Service", "客户服务"),
    ("Truk pemasok tiba", "Supplier truck arrives", "供应商货车到达"),
    ("Kepala Gudang", "Warehouse manager", "仓库主管"),
    ("Pemasok datang membawa barang sesuai pesanan pembelian (PO).",
     "The supplier delivers the goods of the purchase order (PO).",
     "供应商按采购订单（PO）送货。"),
    ("Periksa barang", "Check the goods", "检查货物"),
    ("Staf Gudang", "Warehouse staff", "仓库员工"),
    ("Cocokkan barang dengan PO dan surat jalan: hitung jumlah, cek kondisi kemasan dan tanggal "
     "kedaluwarsa. Selesai bila hasil pemeriksaan dicatat di sistem.",
     "Match the goods with the PO and the delivery note: count them, check the packaging and "
     "the expiry dates. Done when the result of the check is recorded in the system.",
     "将货物与采购订单和送货单核对：清点数量，检查包装状况和保质期。检查结果录入系统即告完成。"),
    ("Barang sesuai pesanan?", "Goods match the order?", "货物与订单相符？"),
    ("Barang diterima", "Goods received", "货物已接收"),
    ("Tanda tangani surat jalan, masukkan stok ke sistem POS, simpan barang di rak gudang menurut "
     "kategori.",
     "Sign the delivery note, enter the stock in the POS system, store the goods on the "
     "warehouse shelves by category.",
     "签收送货单，将库存录入 POS 系统，按类别把货物存放到仓库货架上。"),
    ("Retur ke pemasok", "Return to supplier", "退货给供应商"),
    ("Catat selisih atau kerusakan di berita acara, foto barangnya, dan kembalikan ke pemasok "
     "bersama sopir truk.",
     "Record the shortfall or damage in a report, photograph the goods and send them back to the "
     "supplier with the truck driver.",
     "在记录单中登记数量差异或损坏情况，为货物拍照，并交由货车司机退回供应商。"),
    ("Barang diretur", "Goods returned", "货物已退回"),
    ("Bagian pembelian memesan ulang barang pengganti.",
     "Purchasing reorders replacement goods.",
     "采购部门重新订购替换货物。"),
    ("Isi ulang rak", "Restock the shelves", "货架补货"),
    ("Pramuniaga", "Shop assistant", "店员"),
    ("Ambil barang dari gudang, susun di rak sesuai planogram (yang lama di depan), pasang label "
     "harga dan promo. Rak tidak bisa diisi sebelum barang diterima gudang.",
     "Take the goods from the warehouse, arrange them on the shelves by the planogram (older "
     "stock in front), put up price and promotion labels. Shelves cannot be restocked before "
     "the warehouse has received the goods.",
     "从仓库取货，按陈列图上架（旧货在前），贴上价格和促销标签。仓库收货之前不能补货。"),
    ("Layani pelanggan", "Serve the customer", "接待顾客"),
    ("Sapa pelanggan, bantu mencari produk, jelaskan promo dan tawarkan produk pelengkap.",
     "Greet the customer, help find products, explain promotions and offer matching products.",
     "问候顾客，帮助寻找商品，介绍促销活动并推荐搭配商品。"),
    ("Pelanggan jadi membeli?", "Customer buys?", "顾客购买？"),
    ("Pelanggan batal membeli", "Customer does not buy", "顾客放弃购买"),
    ("Catat alasannya (stok habis, harga, ukuran tidak ada) untuk evaluasi mingguan.",
     "Record the reason (out of stock, price, size not available) for the weekly review.",
     "记录原因（缺货、价格、没有合适尺码），供每周复盘使用。"),
    ("Pembayaran di kasir", "Payment at checkout", "收银台付款"),
    ("owner:Kasir", "Cashier", "收银员"),
    ("Pindai barang, terima pembayaran (tunai, kartu, QRIS), cetak struk. Tanyakan apakah "
     "belanjaan perlu diantar.",
     "Scan the goods, take the payment (cash, card, QR code), print the receipt. Ask whether the "
     "purchase should be delivered.",
     "扫描商品，收款（现金、银行卡、二维码），打印小票。询问商品是否需要配送。"),
    ("Perlu diantar?", "Delivery needed?", "需要配送？"),
    ("Serahkan belanjaan", "Hand over the purchase", "交付商品"),
    ("Pelanggan membawa sendiri belanjaannya: kemas barang dan serahkan bersama struk yang memuat "
     "kode QR penilaian.",
     "The customer takes the purchase along: pack the goods and hand them over with the receipt "
     "that carries the rating QR code.",
     "顾客自行带走商品：打包商品，连同印有评价二维码的小票一起交给顾客。"),
    ("Antar pesanan", "Deliver the order", "配送订单"),
    ("Kurir", "Courier", "快递员"),
    ("Kasir menyerahkan pesanan ke bagian pengiriman. Kurir menjadwalkan rute, mengantar ke "
     "alamat pelanggan dan meminta tanda terima.",
     "The cashier passes the order to delivery. The courier plans the route, delivers to the "
     "customer's address and asks for a signed receipt.",
     "收银员将订单交给配送部门。快递员规划路线，送货到顾客地址并请其签收。"),
    ("Minta penilaian layanan", "Ask for a service rating", "邀请服务评价"),
    ("Staf Layanan Pelanggan", "Customer service staff", "客服人员"),
    ("Kirim survei singkat lewat WhatsApp atau kode QR di struk: nilai 1 sampai 5 dan komentar.",
     "Send a short survey by WhatsApp or the QR code on the receipt: a score from 1 to 5 and a "
     "comment.",
     "通过微信或小票上的二维码发送简短问卷：1 到 5 分评分和评论。"),
    ("Pelanggan puas?", "Customer satisfied?", "顾客满意？"),
    ("Puas bila nilai 4 atau 5.", "Satisfied when the score is 4 or 5.",
     "评分为 4 或 5 分即为满意。"),
    ("Layanan selesai", "Service completed", "服务完成"),
    ("Tangani keluhan", "Handle the complaint", "处理投诉"),
    ("Hubungi pelanggan dalam 1 x 24 jam, minta maaf, tawarkan penukaran barang atau voucher, dan "
     "teruskan masalahnya ke bagian terkait.",
     "Contact the customer within 24 hours, apologise, offer an exchange or a voucher, and pass "
     "the problem on to the department concerned.",
     "在 24 小时内联系顾客，致歉，提供换货或代金券，并将问题转交相关部门。"),
    ("Keluhan ditangani", "Complaint handled", "投诉已处理"),
    ("Ya", "Yes", "是"),
    ("Tidak", "No", "否"),
    ("stok tercatat", "stock recorded", "库存已登记"),
    ("Ya, serahkan ke kurir", "Yes, hand over to courier", "是，交给快递员"),
    ("pesanan diterima", "order received", "订单已签收"),
]
